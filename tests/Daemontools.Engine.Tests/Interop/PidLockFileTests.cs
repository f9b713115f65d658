using Daemontools.Engine.Interop;
using Daemontools.Engine.Scanning;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

public sealed class PidLockFileTests
{
    [Fact]
    public void The_lock_names_its_holder_and_is_free_once_closed()
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
