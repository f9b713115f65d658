using System.Runtime.InteropServices;

namespace Daemontools.Commands.Tests.Support;

/// <summary>Looks into a FIFO without taking anything out of it.</summary>
public static partial class Fifo
{
    private const int ReadOnlyNonBlocking = 0x800, CloseOnExec = 0x80000, FIONREAD = 0x541B;

    [LibraryImport("libc.so.6", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "ioctl")]
    private static partial int Ioctl(int fd, ulong request, out int value);

    [LibraryImport("libc.so.6", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>Bytes written to the FIFO at <paramref name="path"/> and not yet read (FIONREAD).</summary>
    public static int Pending(string path)
    {
        int fd = Open(path, ReadOnlyNonBlocking | CloseOnExec);
        Assert.True(fd >= 0, $"cannot open {path}");
        try
        {
            Assert.Equal(0, Ioctl(fd, FIONREAD, out int pending));
            return pending;
        }
        finally
        {
            Close(fd);
        }
    }
}
