using Daemontools.Engine.Interop;
using Daemontools.Engine.Scanning;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

public sealed class PidLockFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dt-pidlock-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_lock_names_its_holder_and_is_free_once_closed()
    {
        string path = Path.Combine(_dir, ScanDirectory.LockName);
        Assert.Equal(0, ScanDirectory.ScannerPid(_dir));

        Errno errno = PidLockFile.Acquire(path, out Descriptor fd);
        Assert.True(errno == Errno.None, $"errno {errno}");
        try
        {
            Assert.Equal(Environment.ProcessId, ScanDirectory.ScannerPid(_dir));
            Assert.Equal(Errno.EAGAIN, PidLockFile.Acquire(path, out Descriptor second));
            Assert.Equal(-1, second.Number);
        }
        finally
        {
            fd.Close();
        }
        Assert.Equal(0, ScanDirectory.ScannerPid(_dir));
    }
}
