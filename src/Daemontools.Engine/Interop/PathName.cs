using System.Text;

namespace Daemontools.Engine.Interop;

/// <summary>
/// The one path encoder: a path (or a raw name) as a NUL-terminated byte string, in a caller's
/// stack buffer when it fits (svstat encodes thousands of paths a run), else in a new array.
/// Use: <c>Span&lt;byte&gt; b = stackalloc byte[PathName.StackLength]; fixed (byte* p = PathName.Encode(path, b))</c>.
/// </summary>
internal static class PathName
{
    /// <summary>A stack buffer of this size holds any ordinary path.</summary>
    public const int StackLength = 512;

    /// <summary>UTF-8 of <paramref name="path"/> and a NUL, in <paramref name="buffer"/> when it fits.</summary>
    public static Span<byte> Encode(string path, Span<byte> buffer)
    {
        int max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        Span<byte> target = max <= buffer.Length ? buffer : new byte[max];
        int n = Encoding.UTF8.GetBytes(path, target);
        target[n] = 0;
        return target[..(n + 1)];
    }

    /// <summary><paramref name="name"/>'s bytes as they are, and a NUL, in <paramref name="buffer"/> when they fit.</summary>
    public static Span<byte> Encode(ReadOnlySpan<byte> name, Span<byte> buffer)
    {
        Span<byte> target = name.Length + 1 <= buffer.Length ? buffer : new byte[name.Length + 1];
        name.CopyTo(target);
        target[name.Length] = 0;
        return target[..(name.Length + 1)];
    }
}
