using System.Runtime.InteropServices;
using System.Text;

namespace Daemontools.Engine.Interop;

/// <summary>NUL-terminated copies of byte strings and paths in native memory.</summary>
internal static unsafe class NativeByteString
{
    /// <summary>A NativeMemory copy of <paramref name="value"/> plus a NUL; free with NativeMemory.Free.</summary>
    public static byte* Allocate(ReadOnlySpan<byte> value)
    {
        byte* p = (byte*)NativeMemory.Alloc((nuint)value.Length + 1);
        value.CopyTo(new Span<byte>(p, value.Length));
        p[value.Length] = 0;
        return p;
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="value"/> in a managed array (pin it with fixed).</summary>
    public static byte[] Terminated(string value)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

    /// <summary>The bytes of a C string, without the NUL.</summary>
    public static ReadOnlySpan<byte> Read(byte* value) => MemoryMarshal.CreateReadOnlySpanFromNullTerminated(value);
}
