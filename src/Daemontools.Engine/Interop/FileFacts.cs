namespace Daemontools.Engine.Interop;

/// <summary>
/// What statx(2) says about a file: its type and mode bits, size, links, the (device, inode) pair
/// that identifies it, its owner, and when it was created (0 where the file system does not keep it),
/// which sets it apart from a later file given the same inode number.
/// </summary>
internal readonly record struct FileFacts(uint Mode, long Size, long Links, ulong Device, ulong Inode, uint Owner = 0, long BirthSeconds = 0, uint BirthNanoseconds = 0)
{
    /// <summary>The file is a directory.</summary>
    public bool IsDirectory => (Mode & Linux.S_IFMT) == Linux.S_IFDIR;

    /// <summary>The file is a pipe or FIFO.</summary>
    public bool IsFifo => (Mode & Linux.S_IFMT) == Linux.S_IFIFO;

    /// <summary>The permission bits.</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xfff);
}
