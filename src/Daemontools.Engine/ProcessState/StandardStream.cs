using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>Standard input, output or error as raw bytes, unbuffered, as the originals' substdio does its reads and writes.</summary>
public readonly struct StandardStream : IEquatable<StandardStream>
{
    private readonly Descriptor _fd;

    private StandardStream(Descriptor fd) => _fd = fd;

    /// <summary>Standard input.</summary>
    public static StandardStream Input => new(Descriptor.StandardInput);

    /// <summary>Standard output.</summary>
    public static StandardStream Output => new(Descriptor.StandardOutput);

    /// <summary>Standard error.</summary>
    public static StandardStream Error => new(Descriptor.StandardError);

    internal Descriptor Descriptor => _fd;

    /// <summary>True when it is a pipe or FIFO (a logger journals what it takes from one).</summary>
    public bool IsPipe => Pipe.IsPipe(_fd);

    /// <summary>One read; <paramref name="count"/> 0 means end of file. False when the read failed.</summary>
    public bool TryRead(Span<byte> buffer, out int count) => _fd.Read(buffer, out count) == Errno.None;

    /// <summary>Writes all of <paramref name="data"/>; false when a write failed.</summary>
    public bool TryWriteAll(ReadOnlySpan<byte> data) => _fd.WriteAll(data) == Errno.None;

    public bool Equals(StandardStream other) => _fd == other._fd;

    public override bool Equals(object? obj) => obj is StandardStream other && Equals(other);

    public override int GetHashCode() => _fd.GetHashCode();

    public static bool operator ==(StandardStream left, StandardStream right) => left.Equals(right);

    public static bool operator !=(StandardStream left, StandardStream right) => !left.Equals(right);
}
