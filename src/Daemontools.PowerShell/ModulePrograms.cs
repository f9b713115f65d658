using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>
/// The module's native programs in bin/: one binary, daemontools, and a link to it per program
/// name. A package install loses both the links and the execute bit (a .nupkg keeps neither), so
/// the import puts them back; a cmdlet about to run a program first checks that bin/NAME is this
/// module's own binary and may be executed, and refuses otherwise rather than let a search of
/// PATH find some other daemontools.
/// </summary>
internal static class ModulePrograms
{
    /// <summary>The multi-call binary every program name links to.</summary>
    public const string BinaryName = "daemontools";

    /// <summary>The small dynamically linked account lookup the binary runs from beside itself (NSS sources it cannot load).</summary>
    public const string CompanionName = "daemontools-getpwnam";

    /// <summary>
    /// Every program the binary answers to: the ProgramName items of Daemontools.Commands.csproj, which
    /// the build links in bin/ (a test holds the two lists equal; a new program goes into both).
    /// </summary>
    public static readonly string[] Names =
    [
        "tai64n", "tai64nlocal", "supervise", "svc", "svok", "svstat", "multilog", "envdir", "envuidgid",
        "setuidgid", "softlimit", "setlock", "pgrphack", "fghack", "svscan", "readproctitle", "svwait",
    ];

    private const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static string Binary => Path.Combine(ModuleFolder.Bin, BinaryName);

    /// <summary>
    /// Restores the execute bits (the binary's and its account-lookup companion's), the missing links and svscanboot. What cannot be changed (a
    /// read-only install) is left alone: <see cref="Require"/> reports it when a program is needed.
    /// </summary>
    public static void Complete()
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            if (!File.Exists(Binary)) return;
            foreach (string file in (string[])[Binary, Path.Combine(ModuleFolder.Bin, CompanionName)])
            {
                if (!File.Exists(file)) continue;
                UnixFileMode mode = File.GetUnixFileMode(file);
                if ((mode & Executable) != Executable) File.SetUnixFileMode(file, mode | Executable);
            }
            foreach (string name in Names)
            {
                string link = Path.Combine(ModuleFolder.Bin, name);
                if (new FileInfo(link).LinkTarget is null && !File.Exists(link)) File.CreateSymbolicLink(link, BinaryName);
            }
            WriteSvscanboot();
            ServicePrograms.Refresh();
        }
        catch (UnauthorizedAccessException)
        {
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The absolute path of bin/<paramref name="name"/> once it is known to be this module's binary and executable.</summary>
    /// <exception cref="ModuleProgramException">It is missing, something else, or not executable.</exception>
    public static string Require(string name)
    {
        string path = Path.Combine(ModuleFolder.Bin, name);
        try
        {
            if (!ProgramFile.IsSameFile(path, Binary)) throw new ModuleProgramException(path, $"it is not the module's own {Binary}", $"replace it with a link to {BinaryName}");
            ProgramFile.RequireExecutable(path);
        }
        catch (ProgramFileException e) when (e.Step == ProgramFileStep.Examine)
        {
            if (!File.Exists(Binary)) throw new ModuleProgramException(path, $"{Binary} is missing", "reinstall the module");
            throw new ModuleProgramException(path, $"{path}: {e.Errno.Description()}", $"create it as a link to {BinaryName} (the import does so where the module folder is writable)");
        }
        catch (ProgramFileException e)
        {
            throw new ModuleProgramException(path, $"{Binary}: {e.Errno.Description()}", $"give {Binary} its execute bit (the import does so where the module folder is writable), or install the module where the importing user may change it");
        }
        return path;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void WriteSvscanboot()
    {
        string script = Path.Combine(ModuleFolder.Bin, "svscanboot");
        string template = Path.Combine(ModuleFolder.Path, "boot", "svscanboot.in");
        if (File.Exists(script) || !File.Exists(template)) return;
        File.WriteAllText(script, File.ReadAllText(template).Replace("@PROGRAMS@", ModuleFolder.Bin, StringComparison.Ordinal).Replace("@SERVICEDIR@", "/etc/service", StringComparison.Ordinal));
        File.SetUnixFileMode(script, File.GetUnixFileMode(script) | Executable);
    }
}
