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
}
