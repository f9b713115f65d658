using Daemontools.Engine.Lifecycle;

namespace Daemontools.PowerShell;

/// <summary>A service of a scan directory that a -Name pattern matched: the service itself, or its logger (NAME/log).</summary>
/// <param name="Entry">The scan directory's entry.</param>
/// <param name="Logger">The logger was named rather than the service.</param>
public sealed record NamedService(EnabledService Entry, bool Logger)
{
    /// <summary>The directory to read or control: SCAN/NAME or SCAN/NAME/log.</summary>
    public string Directory => Logger ? Entry.LogPath : Entry.Path;

    /// <summary>NAME or NAME/log.</summary>
    public string Name => Logger ? Entry.LogName : Entry.Name;
}
