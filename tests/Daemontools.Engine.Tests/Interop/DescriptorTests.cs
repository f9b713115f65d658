using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

/// <summary>Descriptors: pipes, reads and writes, what is left unread, and poll.</summary>
public sealed class DescriptorTests
{
    [Fact]
    public void A_pipe_carries_what_is_written_and_poll_sees_it_ready()
    {
        Assert.Equal(Errno.None, Pipe.Create(out PipePair pipe, nonBlocking: true));
        try
        {
            Span<bool> ready = stackalloc bool[1];
            Assert.Equal(Errno.None, Poll.WaitReadable([pipe.Read], ready, 0));
            Assert.False(ready[0]);
            byte[] buffer = new byte[16];
            Assert.Equal(Errno.EAGAIN, pipe.Read.Read(buffer, out _));

            Assert.Equal(Errno.None, pipe.Write.WriteAll("hello\n"u8));

            Assert.Equal(Errno.None, Poll.WaitReadable([pipe.Read], ready, 0));
            Assert.True(ready[0]);
            Assert.Equal(Errno.None, Pipe.Unread(pipe.Read, out int unread));
            Assert.Equal(6, unread);
            Assert.Equal(Errno.None, pipe.Read.Read(buffer, out int count));
            Assert.Equal("hello\n"u8.ToArray(), buffer[..count]);
            Assert.True(Pipe.IsPipe(pipe.Read));
        }
        finally
        {
            pipe.Read.Close();
            pipe.Write.Close();
        }
    }

    [Fact]
    public void A_read_after_the_last_writer_closes_is_end_of_file()
    {
        Assert.Equal(Errno.None, Pipe.Create(out PipePair pipe));
        pipe.Write.Close();
        byte[] buffer = new byte[4];

        Assert.Equal(Errno.None, pipe.Read.Read(buffer, out int count));
        pipe.Read.Close();
        Assert.Equal(0, count);
    }

    [Fact]
    public void Positioned_writes_and_reads_leave_the_offset_alone()
    {
        using var temp = new TempDirectory("dt-descriptor-");
        string path = Path.Combine(temp.Path, "file");
        Assert.Equal(Errno.None, FileSystem.Open(path, Linux.O_RDWR | Linux.O_CREAT | Linux.O_CLOEXEC, FileModes.PrivateFile, out Descriptor fd));
        try
        {
            Assert.Equal(Errno.None, fd.WriteAll("abcdef"u8));
            Assert.Equal(Errno.None, fd.WriteAt("XY"u8, 2, out int written));
            Assert.Equal(2, written);
            byte[] buffer = new byte[3];
            Assert.Equal(Errno.None, fd.ReadAt(buffer, 1, out int read));

            Assert.Equal("bXY"u8.ToArray(), buffer[..read]);
            Assert.Equal("abXYef", File.ReadAllText(path));
            Assert.Equal(Errno.None, fd.Stat(out FileFacts facts));
            Assert.Equal(6, facts.Size);
            Assert.Equal(FileModes.PrivateFile, facts.Permissions);
        }
        finally
        {
            fd.Close();
        }
    }
}
