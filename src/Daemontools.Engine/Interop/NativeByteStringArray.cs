using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>A NULL-terminated char*[] built from raw bytes (environment entries are bytes, not text), freed on dispose.</summary>
public sealed unsafe class NativeByteStringArray : IDisposable
{
    private readonly int _count;

    /// <summary>Copies each entry as a NUL-terminated C string.</summary>
    public NativeByteStringArray(IReadOnlyList<byte[]> values)
    {
        _count = values.Count;
        Pointer = (byte**)NativeMemory.AllocZeroed((nuint)(_count + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < _count; i++) Pointer[i] = NativeByteString.Allocate(values[i]);
    }

    /// <summary>The array; valid until disposed.</summary>
    public byte** Pointer { get; private set; }

    public void Dispose()
    {
        if (Pointer == null) return;
        for (int i = 0; i < _count; i++) NativeMemory.Free(Pointer[i]);
        NativeMemory.Free(Pointer);
        Pointer = null;
    }
}
