using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// A service directory's entry in a scan directory: an absolute symbolic link SCAN/NAME to it,
/// made in one step, so svscan never sees a service that is not complete.
/// </summary>
public static class ServiceLink
{
    /// <summary>
    /// Links <paramref name="serviceDirectory"/> into <paramref name="scanDirectory"/> as <paramref name="name"/>
    /// (default: the directory's own name). Returns the entry; <paramref name="created"/> is false when it was
    /// enabled already under that name.
    /// </summary>
    public static EnabledService Enable(string scanDirectory, string serviceDirectory, string? name, out bool created)
    {
        string target = Path.GetFullPath(serviceDirectory);
        RequireScanDirectory(scanDirectory);
        if (!File.Exists(Path.Combine(target, "run")))
        {
            throw new ServiceLifecycleException(LifecycleStep.NoRunFile, target);
        }
        name ??= Path.GetFileName(Path.TrimEndingDirectorySeparator(target));
        string link = Path.Combine(scanDirectory, name);
        created = false;
        if (!RequireAvailable(scanDirectory, target, name)) return EnabledServices.Find(scanDirectory, name)!;
        try
        {
            File.CreateSymbolicLink(link, target);
        }
        catch (IOException e) when (Exists(link))
        {
            throw new ServiceLifecycleException(LifecycleStep.LinkRaced, link, other: target, inner: e);
        }
        created = true;
        return EnabledServices.Find(scanDirectory, name)!;
    }

    /// <summary>
    /// Checks that <paramref name="serviceDirectory"/> can be enabled in <paramref name="scanDirectory"/> as
    /// <paramref name="name"/> (default: the directory's own name): true when that name is free, false when it
    /// already is that directory; throws ScanDirectoryNotFound or NameTaken otherwise. New-SvService -Enable
    /// asks before it creates anything, so that a name taken in the scan directory leaves no new directory behind.
    /// </summary>
    public static bool RequireAvailable(string scanDirectory, string serviceDirectory, string? name = null)
    {
        string target = Path.GetFullPath(serviceDirectory);
        RequireScanDirectory(scanDirectory);
        name ??= Path.GetFileName(Path.TrimEndingDirectorySeparator(target));
        ServiceName.Validate(name, nameof(name));
        string link = Path.Combine(scanDirectory, name);
        if (!Exists(link)) return true;
        // A link to the target's path counts even before the target exists (a directory deleted by hand and made again).
        if (SameDirectory(link, target) || new FileInfo(link).LinkTarget == target) return false;
        throw new ServiceLifecycleException(LifecycleStep.LinkTaken, link, other: target);
    }

    /// <summary>The entries of <paramref name="scanDirectory"/> that are <paramref name="serviceDirectory"/> (by device and inode).</summary>
    public static IReadOnlyList<EnabledService> Find(string scanDirectory, string serviceDirectory)
    {
        RequireScanDirectory(scanDirectory);
        if (Identity(serviceDirectory) is not (ulong, ulong) wanted) return [];
        return [.. EnabledServices.In(scanDirectory).Where(e => Identity(e.Path) == wanted)];
    }

    /// <summary>Throws ScanDirectoryNotFound when <paramref name="scanDirectory"/> is not a directory.</summary>
    public static void RequireScanDirectory(string scanDirectory)
    {
        if (!Directory.Exists(scanDirectory))
        {
            throw new ServiceLifecycleException(LifecycleStep.FindScanDirectory, scanDirectory);
        }
    }

    /// <summary>True when <paramref name="path"/> names anything, a dangling link included.</summary>
    internal static bool Exists(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static bool SameDirectory(string a, string b) => Identity(a) is (ulong, ulong) first && Identity(b) == first;

    /// <summary>(device, inode) of what <paramref name="path"/> names, links followed; null when it cannot be examined.</summary>
    private static (ulong Device, ulong Inode)? Identity(string path) =>
        FileSystem.Stat(path, out FileFacts facts) == Errno.None ? (facts.Device, facts.Inode) : null;
}
