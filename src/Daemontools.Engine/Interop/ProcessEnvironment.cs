using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>The process's real environment block (char **environ), as exec would pass it on.</summary>
internal static unsafe partial class ProcessEnvironment
{
    /// <summary>environ itself, for posix_spawn of a child that gets it unchanged.</summary>
    public static byte** Pointer => StaticLinking.IsStatic ? daemontools_environ() : *(byte***)dlsym(IntPtr.Zero, "environ");

    /// <summary>Copies every "NAME=value" entry, in order.</summary>
    public static List<byte[]> Read()
    {
        var entries = new List<byte[]>();
        byte** environ = Pointer;
        if (environ == null) return entries;
        for (byte** e = environ; *e != null; e++) entries.Add(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(*e).ToArray());
        return entries;
    }

    [LibraryImport(Linux.LibC, StringMarshalling = StringMarshalling.Utf8)]
    private static partial void* dlsym(IntPtr handle, string symbol);

    /// <summary>environ as the static binary's start-up code sees it (Native/prestart.c): dlsym finds nothing in a static executable.</summary>
    [LibraryImport("daemontools-prestart")]
    private static partial byte** daemontools_environ();
}
