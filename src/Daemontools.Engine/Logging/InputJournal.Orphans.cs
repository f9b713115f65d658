using System.Buffers.Binary;
using System.Text;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// Journals on /dev/shm outlive a logger killed with -9; the next logger of the same directory
/// takes its journal back, but one whose directory was removed would stay forever. A shared
/// journal therefore records the log directory's path (beside the count: checksummed, so a copy a
/// kill cut short reads as none), and a logger asked to (<see cref="MultilogOptions.RemoveOrphanedJournals"/>:
/// the multilog program, at every start) removes the journals it can prove to be orphans: its own
/// user's, whose flock it gets (no live logger holds it: a logger holds it from before it reads the
/// journal until it ends), and whose recorded path names no directory, or one that is not the
/// directory the journal was named after.
/// </summary>
internal sealed unsafe partial class InputJournal
{
    private const int OwnerHeader = 12;
    private const int OwnerMaxLength = JournalRecord.SlotSize - (OwnerAt - CountAt) - OwnerHeader;

    /// <summary>
    /// Removes the orphaned journals on /dev/shm (see above); returns how many. A journal with no
    /// readable path (made by an older logger, or its path too long) is never judged an orphan.
    /// </summary>
    public static int RemoveOrphans()
    {
        var names = new List<string>();
        if (DirectoryListing.Read(SharedMemory, names) != Errno.None) return 0;
        int removed = 0;
        foreach (string name in names)
        {
            if (name.StartsWith(SharedPrefix, StringComparison.Ordinal) && RemoveIfOrphan(name)) removed++;
        }
        return removed;
    }

    private static bool RemoveIfOrphan(string name)
    {
        string path = SharedMemory + "/" + name;
        if (FileSystem.Open(path, Linux.O_RDWR | Linux.O_NOFOLLOW | Linux.O_NONBLOCK, 0, out Descriptor fd) != Errno.None) return false;
        try
        {
            // Held: a live logger's (or another sweep is looking at it). Not waited for.
            if (FileLock.Lock(fd, wait: false) != Errno.None) return false;
            if (fd.Stat(out FileFacts facts) != Errno.None || !IsPrivateFile(facts) || facts.Size != FileSize) return false;
            // Still the file under that name: only a holder of the lock removes one, and we hold it now.
            if (FileSystem.Stat(path, out FileFacts named) != Errno.None || named.Device != facts.Device || named.Inode != facts.Inode) return false;
            string? owner = ReadOwner(fd);
            return owner is not null && IsGone(owner, name) && FileSystem.Unlink(path) == Errno.None;
        }
        finally
        {
            fd.Close();
        }
    }

    /// <summary>Whether <paramref name="directory"/> no longer names the log directory the journal <paramref name="name"/> was made for.</summary>
    private static bool IsGone(string directory, string name)
    {
        Errno errno = FileSystem.Stat(directory, out FileFacts facts);
        if (errno is Errno.ENOENT or Errno.ENOTDIR) return true;
        return errno == Errno.None && (!facts.IsDirectory || SharedName(facts) != name);
    }

    /// <summary>The log directory's path as recorded in the journal behind <paramref name="fd"/>; null when none can be trusted.</summary>
    private static string? ReadOwner(Descriptor fd)
    {
        Span<byte> area = stackalloc byte[OwnerHeader + OwnerMaxLength];
        if (fd.ReadAt(area, OwnerAt, out int count) != Errno.None || count != area.Length) return null;
        int length = BinaryPrimitives.ReadInt32LittleEndian(area[8..]);
        if (length <= 0 || length > OwnerMaxLength) return null;
        ReadOnlySpan<byte> owner = area.Slice(OwnerHeader, length);
        if (BinaryPrimitives.ReadUInt64LittleEndian(area) != JournalRecord.Fnv(owner, JournalRecord.Fnv(area.Slice(8, 4)))) return null;
        return owner[0] == (byte)'/' ? Encoding.UTF8.GetString(owner) : null;
    }

    /// <summary>Records <paramref name="directory"/> (a full path) as the log directory this journal serves; too long a path records none.</summary>
    private void RecordOwner(string directory)
    {
        var area = new Span<byte>(_map + OwnerAt, OwnerHeader + OwnerMaxLength);
        int length = Encoding.UTF8.GetByteCount(directory);
        if (length > OwnerMaxLength) length = 0;
        else Encoding.UTF8.GetBytes(directory, area[OwnerHeader..]);
        BinaryPrimitives.WriteInt32LittleEndian(area[8..], length);
        BinaryPrimitives.WriteUInt64LittleEndian(area, JournalRecord.Fnv(area.Slice(OwnerHeader, length), JournalRecord.Fnv(area.Slice(8, 4))));
    }
}
