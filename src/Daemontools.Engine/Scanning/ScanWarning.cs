using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>One warning from the scanner: its kind, the entry name it concerns (empty for the directory) and errno (None when none applies).</summary>
public readonly record struct ScanWarning(ScanWarningKind Kind, string Name, Errno Errno);
