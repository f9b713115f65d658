namespace Daemontools.Engine.Logging;

/// <summary>
/// A trouble the logger works around by pausing and retrying (disk full, unwritable directory,
/// failed processor). <see cref="Text"/> is the original's phrase without the program prefix,
/// e.g. "unable to write to ./log/current, pausing"; <see cref="Errno"/> is null when the
/// original prints no error text.
/// </summary>
public readonly record struct LogWarning(string Text, int? Errno);
