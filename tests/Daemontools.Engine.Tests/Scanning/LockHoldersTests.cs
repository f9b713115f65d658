using Daemontools.Engine.Interop;
using Daemontools.Engine.Scanning;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Scanning;

/// <summary>/proc/locks read as svscan reads it to find the supervise left running on a directory.</summary>
public sealed class LockHoldersTests : IDisposable
{
    private readonly TempDirectory _temp = new("dt-lock-holders-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_flock_held_here_is_found_under_its_inode_and_gone_once_released()
    {
        string path = _temp.Combine("lock");
        File.WriteAllText(path, string.Empty);
        Assert.Equal(Errno.None, FileSystem.Stat(path, out FileFacts facts));
        Assert.Equal(Errno.None, FileSystem.Open(path, Linux.O_WRONLY, 0, out Descriptor fd));
        try
        {
            Assert.DoesNotContain(Environment.ProcessId, LockHolders.Read().Of(facts.Inode));
            Assert.Equal(Errno.None, FileLock.Lock(fd, wait: false));
            Assert.Contains(Environment.ProcessId, LockHolders.Read().Of(facts.Inode));
            FileLock.Unlock(fd);
            Assert.DoesNotContain(Environment.ProcessId, LockHolders.Read().Of(facts.Inode));
        }
        finally
        {
            fd.Close();
        }
    }

    [Theory]
    [InlineData("1: FLOCK  ADVISORY  WRITE 22903 fe:00:11681829 0 EOF", 22903, 11681829UL)]
    [InlineData("12: POSIX  ADVISORY  WRITE 7 00:1f:42 0 EOF", 7, 42UL)]
    [InlineData("3: OFDLCK ADVISORY  READ  -1 00:05:9 0 EOF", 0, 0UL)]
    [InlineData("1: -> FLOCK  ADVISORY  WRITE 22904 fe:00:11681829 0 EOF", 0, 0UL)]
    [InlineData("2: FLOCK  ADVISORY  WRITE +5 fe:00:11 0 EOF", 0, 0UL)]
    [InlineData("2: FLOCK  ADVISORY  WRITE 5 fe:00:1x 0 EOF", 0, 0UL)]
    [InlineData("2: FLOCK  ADVISORY  WRITE 5", 0, 0UL)]
    [InlineData("", 0, 0UL)]
    public void A_line_gives_its_holder_and_inode_and_a_waiter_or_malformed_line_gives_none(string line, int pid, ulong inode)
    {
        bool parsed = LockHolders.TryParse(System.Text.Encoding.ASCII.GetBytes(line), out int foundPid, out ulong foundInode);
        Assert.Equal(pid != 0, parsed);
        if (parsed) Assert.Equal((pid, inode), (foundPid, foundInode));
    }
}
