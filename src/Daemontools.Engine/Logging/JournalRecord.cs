using System.Buffers.Binary;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Logging;

/// <summary>
/// The journal's header: how much of the journaled input is fully logged, the transaction in
/// flight (which input, with which stamp, how far each directory was), and the unfinished line
/// carried from one transaction to the next. It is written into one of two 4096-byte slots in
/// turn, each with a sequence number and a checksum: a write cut short by a kill fails its
/// checksum and the other slot, one step older, stands (every older step is one a restart can
/// finish from, since each is written before the step it announces).
/// Layout of a slot (little-endian): "mlogjrn1", sequence u64, FNV-1a checksum u64 of the body,
/// body length u32, then the body: flags u8 (1 in flight, 2 end of input, 4 in a long line's
/// tail), processed u64, lap u64, length u32, stamp (12 bytes, packed TAI64N), stamp length u8, head
/// length u16, head bytes, entry count u16, and per entry directory device u64, directory inode
/// u64, file inode u64, start u64, done u64, skip u64, selected u8.
/// </summary>
internal sealed class JournalRecord
{
    /// <summary>Bytes of one slot; the journal's data begins after two.</summary>
    public const int SlotSize = 4096;

    /// <summary>Entries that fit beside the longest head.</summary>
    public const int MaxEntries = 60;

    private const int EntrySize = 49;
    private const int BodyOffset = 28;
    private const byte InFlightFlag = 1, EndOfInputFlag = 2, InTailFlag = 4;
    private static ReadOnlySpan<byte> Magic => "mlogjrn1"u8;

    /// <summary>Orders the slots: the valid one with the higher number is the record.</summary>
    public long Sequence;

    /// <summary>Journal data before this point (a file offset) is logged in full.</summary>
    public long Processed;

    /// <summary>How many times the data area had started over when this was written.</summary>
    public long Lap;

    /// <summary>A transaction over the input at <see cref="Processed"/> started and did not end.</summary>
    public bool InFlight;

    /// <summary>The transaction ends the input: the carried line gets its newline.</summary>
    public bool EndOfInput;

    /// <summary>Input bytes in the transaction.</summary>
    public int Length;

    /// <summary>The stamp of lines that start in the transaction.</summary>
    public Tai64NLabel Stamp;

    /// <summary>Bytes of stamp in front of <see cref="Head"/> (0, 26 or 28): a changed script restamps.</summary>
    public int StampLength;

    /// <summary>The unfinished line carried into the transaction: its stamp and first bytes.</summary>
    public readonly byte[] Head = new byte[Multilog.LineWindow];

    /// <summary>Bytes in <see cref="Head"/>.</summary>
    public int HeadLength;

    /// <summary>The carried line is past its first 1000 bytes: its tail continues without a stamp.</summary>
    public bool InTail;

    /// <summary>One entry per directory, in script order.</summary>
    public readonly JournalEntry[] Entries = new JournalEntry[MaxEntries];

    /// <summary>Entries in use.</summary>
    public int EntryCount;

    /// <summary>Writes the record into <paramref name="slot"/> (<see cref="SlotSize"/> bytes); returns the bytes used.</summary>
    public int Encode(Span<byte> slot)
    {
        Span<byte> body = slot[BodyOffset..];
        int at = 0;
        body[at++] = (byte)((InFlight ? InFlightFlag : 0) | (EndOfInput ? EndOfInputFlag : 0) | (InTail ? InTailFlag : 0));
        BinaryPrimitives.WriteInt64LittleEndian(body[at..], Processed);
        at += 8;
        BinaryPrimitives.WriteInt64LittleEndian(body[at..], Lap);
        at += 8;
        BinaryPrimitives.WriteInt32LittleEndian(body[at..], Length);
        at += 4;
        Stamp.Pack(body[at..]);
        at += Tai64NLabel.PackedLength;
        body[at++] = (byte)StampLength;
        BinaryPrimitives.WriteUInt16LittleEndian(body[at..], (ushort)HeadLength);
        at += 2;
        Head.AsSpan(0, HeadLength).CopyTo(body[at..]);
        at += HeadLength;
        BinaryPrimitives.WriteUInt16LittleEndian(body[at..], (ushort)EntryCount);
        at += 2;
        for (int i = 0; i < EntryCount; i++)
        {
            ref JournalEntry e = ref Entries[i];
            BinaryPrimitives.WriteUInt64LittleEndian(body[at..], e.DirectoryDevice);
            BinaryPrimitives.WriteUInt64LittleEndian(body[(at + 8)..], e.DirectoryInode);
            BinaryPrimitives.WriteUInt64LittleEndian(body[(at + 16)..], e.FileInode);
            BinaryPrimitives.WriteInt64LittleEndian(body[(at + 24)..], e.Start);
            BinaryPrimitives.WriteInt64LittleEndian(body[(at + 32)..], e.Done);
            BinaryPrimitives.WriteInt64LittleEndian(body[(at + 40)..], e.Skip);
            body[at + 48] = e.Selected ? (byte)1 : (byte)0;
            at += EntrySize;
        }
        Magic.CopyTo(slot);
        BinaryPrimitives.WriteInt64LittleEndian(slot[8..], Sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(slot[24..], (uint)at);
        BinaryPrimitives.WriteUInt64LittleEndian(slot[16..], Checksum(slot, at));
        return BodyOffset + at;
    }

    /// <summary>Reads a slot written by <see cref="Encode"/>; false when it is empty, torn or foreign.</summary>
    public bool TryDecode(ReadOnlySpan<byte> slot)
    {
        if (slot.Length < SlotSize || !slot[..8].SequenceEqual(Magic)) return false;
        int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(slot[24..]);
        if (length < 1 || length > SlotSize - BodyOffset) return false;
        if (BinaryPrimitives.ReadUInt64LittleEndian(slot[16..]) != Checksum(slot, length)) return false;
        ReadOnlySpan<byte> body = slot.Slice(BodyOffset, length);
        try
        {
            int at = 0;
            byte flags = body[at++];
            long processed = BinaryPrimitives.ReadInt64LittleEndian(body[at..]);
            at += 8;
            long lap = BinaryPrimitives.ReadInt64LittleEndian(body[at..]);
            at += 8;
            int txLength = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
            at += 4;
            Tai64NLabel stamp = Tai64NLabel.Unpack(body[at..]);
            at += Tai64NLabel.PackedLength;
            int stampLength = body[at++];
            int headLength = BinaryPrimitives.ReadUInt16LittleEndian(body[at..]);
            at += 2;
            if (headLength > Head.Length || processed < 0 || txLength < 0) return false;
            body.Slice(at, headLength).CopyTo(Head);
            at += headLength;
            int count = BinaryPrimitives.ReadUInt16LittleEndian(body[at..]);
            at += 2;
            if (count > MaxEntries || at + (count * EntrySize) > body.Length) return false;
            for (int i = 0; i < count; i++)
            {
                Entries[i] = new JournalEntry
                {
                    DirectoryDevice = BinaryPrimitives.ReadUInt64LittleEndian(body[at..]),
                    DirectoryInode = BinaryPrimitives.ReadUInt64LittleEndian(body[(at + 8)..]),
                    FileInode = BinaryPrimitives.ReadUInt64LittleEndian(body[(at + 16)..]),
                    Start = BinaryPrimitives.ReadInt64LittleEndian(body[(at + 24)..]),
                    Done = BinaryPrimitives.ReadInt64LittleEndian(body[(at + 32)..]),
                    Skip = BinaryPrimitives.ReadInt64LittleEndian(body[(at + 40)..]),
                    Selected = body[at + 48] != 0,
                };
                at += EntrySize;
            }
            Sequence = BinaryPrimitives.ReadInt64LittleEndian(slot[8..]);
            InFlight = (flags & InFlightFlag) != 0;
            EndOfInput = (flags & EndOfInputFlag) != 0;
            InTail = (flags & InTailFlag) != 0;
            Processed = processed;
            Lap = lap;
            Length = txLength;
            Stamp = stamp;
            StampLength = stampLength;
            HeadLength = headLength;
            EntryCount = count;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>FNV-1a over the sequence number and the body: enough to tell a torn or stale slot.</summary>
    private static ulong Checksum(ReadOnlySpan<byte> slot, int bodyLength) => Fnv(slot.Slice(BodyOffset, bodyLength), Fnv(slot[8..16]));

    /// <summary>FNV-1a of <paramref name="bytes"/>, continuing from <paramref name="hash"/>.</summary>
    internal static ulong Fnv(ReadOnlySpan<byte> bytes, ulong hash = 14695981039346656037UL)
    {
        foreach (byte b in bytes) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
