namespace Daemontools.PowerShell;

/// <summary>A service directory a cmdlet was given: its full file-system path, and the path as typed while nobody has looked it up.</summary>
/// <param name="Directory">The full file-system path.</param>
/// <param name="Typed">A literal path as the user typed it, not yet checked to be a directory; null for a wildcard's match or a named service.</param>
internal readonly record struct ServicePath(string Directory, string? Typed);
