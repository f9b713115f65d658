namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// A service as svscan sees it in a scan directory: a name that does not start with '.' and is a
/// directory (links followed), with the logger svscan pairs it with when log/ exists.
/// </summary>
/// <param name="Name">The entry's name in the scan directory.</param>
/// <param name="Path">The entry's path in the scan directory (the link, when it is one).</param>
/// <param name="IsLink">The entry is a symbolic link to the service directory, rather than the directory itself.</param>
/// <param name="HasLog">The service has a log/ directory.</param>
public sealed record EnabledService(string Name, string Path, bool IsLink, bool HasLog)
{
    /// <summary>The logger's name as the cmdlets show it: NAME/log.</summary>
    public string LogName => Name + "/log";

    /// <summary>The logger's directory.</summary>
    public string LogPath => System.IO.Path.Combine(Path, "log");
}
