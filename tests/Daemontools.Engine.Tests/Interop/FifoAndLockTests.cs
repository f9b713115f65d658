using Daemontools.Engine.Interop;
using Daemontools.Engine.Scanning;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

/// <summary>FIFOs and locks: supervise/control's open rules, flock between two opens of one file, and the pid lock file svscan takes.</summary>
public sealed class FifoAndLockTests
{
    [Fact]
    public void A_fifo_refuses_a_writer_until_someone_reads_then_carries_the_bytes()
    {
        using var temp = new TempDirectory("dt-fifo-");
        string path = temp.Combine("control");
        Assert.Equal(Errno.None, Fifo.Make(path, FileModes.PrivateFile));
        Assert.Equal(Errno.None, FileSystem.Stat(path, out FileFacts facts));
        Assert.True(facts.IsFifo);
        Assert.Equal(FileModes.PrivateFile, facts.Permissions);

        Assert.Equal(Errno.ENXIO, Fifo.OpenWriter(FileSystem.WorkingDirectory, path, out _));

        Assert.Equal(Errno.None, Fifo.OpenReader(FileSystem.WorkingDirectory, path, out Descriptor reader));
        try
        {
            Assert.Equal(Errno.None, Fifo.OpenWriter(FileSystem.WorkingDirectory, path, out Descriptor writer));
            Assert.Equal(Errno.None, writer.WriteAll("u"u8));
            writer.Close();
            byte[] buffer = new byte[4];
            Assert.Equal(Errno.None, reader.Read(buffer, out int count));
            Assert.Equal("u"u8.ToArray(), buffer[..count]);
        }
        finally
        {
            reader.Close();
        }
    }

    [Fact]
    public void An_exclusive_lock_refuses_a_second_open_until_it_is_released()
    {
        using var temp = new TempDirectory("dt-flock-");
        string path = temp.Combine("lock");
        Assert.Equal(Errno.None, FileSystem.Open(path, Linux.O_WRONLY | Linux.O_CREAT | Linux.O_CLOEXEC, FileModes.Readable, out Descriptor first));
        Assert.Equal(Errno.None, FileSystem.Open(path, Linux.O_WRONLY | Linux.O_CLOEXEC, 0, out Descriptor second));
        try
        {
            Assert.Equal(Errno.None, FileLock.Lock(first, wait: false));
            Assert.Equal(Errno.EAGAIN, FileLock.Lock(second, wait: false));
            Assert.Equal(Errno.EAGAIN, FileLock.Lock(second, wait: false, shared: true));

            FileLock.Unlock(first);

            Assert.Equal(Errno.None, FileLock.Lock(second, wait: false, shared: true));
            Assert.Equal(Errno.None, FileLock.Lock(first, wait: false, shared: true));
        }
        finally
        {
            first.Close();
            second.Close();
        }
    }

    [Fact]
    public void A_pid_lock_file_names_its_holder_and_is_free_once_closed()
    {
        using var temp = new TempDirectory("dt-pidlock-");
        string path = temp.Combine(ScanDirectory.LockName);
        Assert.Equal(0, ScanDirectory.ScannerPid(temp.Path));

        Errno errno = PidLockFile.Acquire(path, out Descriptor fd);
        Assert.True(errno == Errno.None, $"errno {errno}");
        try
        {
            Assert.Equal(Environment.ProcessId, ScanDirectory.ScannerPid(temp.Path));
            Assert.Equal(Errno.EAGAIN, PidLockFile.Acquire(path, out Descriptor second));
            Assert.Equal(-1, second.Number);
        }
        finally
        {
            fd.Close();
        }
        Assert.Equal(0, ScanDirectory.ScannerPid(temp.Path));
    }
}
