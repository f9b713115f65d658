using System.Runtime.InteropServices;
using System.Text;

namespace Daemontools.Engine.Interop;

/// <summary>A NULL-terminated char*[] in native memory (argv, envp), freed on dispose. A struct: a spawn allocates nothing on the managed heap.</summary>
internal readonly unsafe struct NativeStringArray : IDisposable
{
    private readonly int _count;

    /// <summary>Copies <paramref name="values"/> as UTF-8 C strings.</summary>
    public NativeStringArray(IReadOnlyList<string> values)
        : this(values.Count)
    {
        for (int i = 0; i < _count; i++)
        {
            string value = values[i];
            int length = Encoding.UTF8.GetByteCount(value);
            byte* p = (byte*)NativeMemory.Alloc((nuint)length + 1);
            Encoding.UTF8.GetBytes(value, new Span<byte>(p, length));
            p[length] = 0;
            Pointer[i] = p;
        }
    }

    /// <summary>Copies <paramref name="values"/> byte for byte (environment entries are bytes, not text).</summary>
    public NativeStringArray(IReadOnlyList<byte[]> values)
        : this(values.Count)
    {
        for (int i = 0; i < _count; i++)
        {
            byte[] value = values[i];
            byte* p = (byte*)NativeMemory.Alloc((nuint)value.Length + 1);
            value.CopyTo(new Span<byte>(p, value.Length));
            p[value.Length] = 0;
            Pointer[i] = p;
        }
    }

    private NativeStringArray(int count)
    {
        _count = count;
        Pointer = (byte**)NativeMemory.AllocZeroed((nuint)(count + 1), (nuint)sizeof(byte*));
    }

    /// <summary>The array; valid until disposed.</summary>
    public byte** Pointer { get; }

    /// <summary>Frees the strings and the array; once only.</summary>
    public void Dispose()
    {
        if (Pointer == null) return;
        for (int i = 0; i < _count; i++) NativeMemory.Free(Pointer[i]);
        NativeMemory.Free(Pointer);
    }
}
