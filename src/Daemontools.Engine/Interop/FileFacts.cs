namespace Daemontools.Engine.Interop;

/// <summary>What statx(2) says about a file: its type and mode bits, size, links, and the (device, inode) pair that identifies it.</summary>
internal readonly record struct FileFacts(uint Mode, long Size, long Links, ulong Device, ulong Inode)
{
    /// <summary>The file is a directory.</summary>
    public bool IsDirectory => (Mode & Linux.S_IFMT) == Linux.S_IFDIR;

    /// <summary>The file is a pipe or FIFO.</summary>
    public bool IsFifo => (Mode & Linux.S_IFMT) == Linux.S_IFIFO;

    /// <summary>The permission bits.</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xfff);
}
