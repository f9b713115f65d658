namespace Daemontools.Engine.Interop;

/// <summary>One passwd entry as NSS returns it.</summary>
internal readonly record struct PasswdEntry(string Name, uint Uid, uint Gid, string Home, string Shell);
