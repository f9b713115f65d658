namespace Daemontools.Engine.Lifecycle;

/// <summary>One entry of a service directory to write: a directory or a file with its bytes, mode and owner.</summary>
/// <param name="RelativePath">Path inside the service directory ("" for the directory itself), parents first.</param>
/// <param name="IsDirectory">A directory rather than a file.</param>
/// <param name="Content">A file's bytes (empty for directories).</param>
/// <param name="Mode">Permission bits.</param>
/// <param name="Owner">The account that owns it; null = the creator.</param>
public sealed record ServiceFile(string RelativePath, bool IsDirectory, byte[] Content, UnixFileMode Mode, string? Owner = null);
