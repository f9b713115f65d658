namespace Daemontools.PowerShell;

/// <summary>
/// The folder whose envdir, setuidgid, softlimit and multilog the run scripts of New-SvService name.
/// Not the module's bin/ when that is inside a version folder (PSResourceGet installs
/// Modules/Daemontools/0.1.0/): Update-PSResource puts 0.1.1 beside it and Uninstall-PSResource
/// deletes 0.1.0 with every program a service's run script names. So:
/// - a binary that links into a folder of the system (the .deb, build.ps1 -Install): that folder,
///   /usr/sbin, which holds a link per program and outlives every upgrade;
/// - a module in a version folder: Modules/Daemontools/bin beside the versions, a copy of the binary
///   and its links that New-SvService makes and each import of any version brings up to date
///   (replaced by rename, so a running supervise or logger keeps the file it started from);
/// - anything else (a build tree): the module's bin/.
/// </summary>
internal static class ServicePrograms
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>The copy beside the version folders, or null when the module is not in one.</summary>
    private static readonly string? Shared = SharedFolder();

    /// <summary>
    /// The folder for the run scripts, made or brought up to date first when it is the shared copy.
    /// The module's bin/ must be complete (<see cref="ModulePrograms.Require"/>) before this is asked.
    /// </summary>
    /// <exception cref="IOException">The shared copy cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The shared copy may not be written.</exception>
    public static string Folder()
    {
        if (OperatingSystem.IsWindows()) return ModuleFolder.Bin;
        if (SystemFolder() is string system) return system;
        if (Shared is null) return ModuleFolder.Bin;
        Publish(Shared);
        return Shared;
    }

    /// <summary>At import: brings the shared copy up to date when services may name it already; never makes it.</summary>
    public static void Refresh()
    {
        if (OperatingSystem.IsWindows()) return;
        if (Shared is not null && Directory.Exists(Shared) && SystemFolder() is null) Publish(Shared);
    }

    /// <summary>The folder the module's binary links into when every program is linked there to the same binary, else null.</summary>
    private static string? SystemFolder()
    {
        var binary = new FileInfo(Path.Combine(ModuleFolder.Bin, ModulePrograms.BinaryName));
        if (binary.LinkTarget is null || binary.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo target) return null;
        string folder = target.DirectoryName!;
        bool complete = ModulePrograms.Names.All(name =>
            new FileInfo(Path.Combine(folder, name)).ResolveLinkTarget(returnFinalTarget: true)?.FullName == target.FullName);
        return complete ? folder : null;
    }

    /// <summary>Modules/Daemontools/bin when the module's folder is named for its version, else null.</summary>
    private static string? SharedFolder()
    {
        string module = Path.TrimEndingDirectorySeparator(ModuleFolder.Path);
        if (!Version.TryParse(Path.GetFileName(module), out _)) return null;
        return Path.GetDirectoryName(module) is string versions ? Path.Combine(versions, "bin") : null;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Publish(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (string file in (string[])[ModulePrograms.BinaryName, ModulePrograms.CompanionName])
        {
            string source = Path.Combine(ModuleFolder.Bin, file);
            if (File.Exists(source)) CopyWhenChanged(source, Path.Combine(folder, file));
        }
        foreach (string name in ModulePrograms.Names)
        {
            string link = Path.Combine(folder, name);
            if (new FileInfo(link).LinkTarget is null && !File.Exists(link)) File.CreateSymbolicLink(link, ModulePrograms.BinaryName);
        }
    }

    /// <summary>Puts a copy of <paramref name="source"/> at <paramref name="target"/> in one rename, unless it holds the same bytes already.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CopyWhenChanged(string source, string target)
    {
        if (File.Exists(target) && SameBytes(source, target)) return;
        string staged = $"{target}.{Environment.ProcessId}.new";
        File.Copy(source, staged, overwrite: true);
        File.SetUnixFileMode(staged, Executable);
        File.Move(staged, target, overwrite: true);
    }

    private static bool SameBytes(string first, string second)
    {
        using FileStream a = File.OpenRead(first);
        using FileStream b = File.OpenRead(second);
        if (a.Length != b.Length) return false;
        byte[] left = new byte[1 << 16];
        byte[] right = new byte[1 << 16];
        int read;
        while ((read = a.Read(left)) > 0)
        {
            b.ReadExactly(right, 0, read);
            if (!left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, read))) return false;
        }
        return true;
    }
}
