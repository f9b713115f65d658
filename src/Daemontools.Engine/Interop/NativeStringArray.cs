using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>A NULL-terminated char*[] in native memory (argv, envp), freed on dispose.</summary>
public sealed unsafe class NativeStringArray : IDisposable
{
    private readonly int _count;

    /// <summary>Copies <paramref name="values"/> as UTF-8 C strings.</summary>
    public NativeStringArray(IReadOnlyList<string> values)
    {
        _count = values.Count;
        Pointer = (byte**)NativeMemory.AllocZeroed((nuint)(_count + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < _count; i++) Pointer[i] = (byte*)Marshal.StringToCoTaskMemUTF8(values[i]);
    }

    /// <summary>The array; valid until disposed.</summary>
    public byte** Pointer { get; private set; }

    public void Dispose()
    {
        if (Pointer == null) return;
        for (int i = 0; i < _count; i++) Marshal.FreeCoTaskMem((IntPtr)Pointer[i]);
        NativeMemory.Free(Pointer);
        Pointer = null;
    }
}
