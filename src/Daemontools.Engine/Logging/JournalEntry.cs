namespace Daemontools.Engine.Logging;

/// <summary>
/// One log directory's part in the journal's transaction: which file receives its output now and
/// how much of the transaction's output for it was already in place, so that a restart can tell
/// how far the directory got. The output of a transaction for a directory is a fixed byte stream
/// (its input, selection and stamp are recorded), so a count of bytes says exactly which lines
/// are in.
/// </summary>
internal struct JournalEntry
{
    /// <summary>The directory itself (device and inode), to find it again whatever the script calls it.</summary>
    public ulong DirectoryDevice;

    /// <summary>See <see cref="DirectoryDevice"/>.</summary>
    public ulong DirectoryInode;

    /// <summary>The inode of the file receiving the output (current; previous while a rotation is half done).</summary>
    public ulong FileInode;

    /// <summary>That file's size when it began to receive this transaction's output.</summary>
    public long Start;

    /// <summary>Output of this transaction written to files rotated away during it.</summary>
    public long Done;

    /// <summary>Output of this transaction already in place before it started (a replay after a crash): not written again.</summary>
    public long Skip;

    /// <summary>Whether the line being continued (a long line's tail) goes to this directory.</summary>
    public bool Selected;
}
