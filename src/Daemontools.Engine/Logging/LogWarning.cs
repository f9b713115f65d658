using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// A trouble the logger works around by pausing and retrying: what failed, in which log directory
/// (as the script names it) or status file, on which file in it (null for the directory itself),
/// and errno (None where the original prints no error text).
/// </summary>
public readonly record struct LogWarning(LogWarningKind Kind, string Directory, string? File, Errno Errno)
{
    /// <summary>The directory, or the file in it: "./log/current".</summary>
    public string Path => File is null ? Directory : Directory + "/" + File;
}
