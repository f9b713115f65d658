using Daemontools.Engine.Interop;
using Tmds.Linux;

namespace Daemontools.Engine.Tests.Interop;

public sealed unsafe class SpawnerTests
{
    private static (int Read, int Write) Pipe()
    {
        int* fds = stackalloc int[2];
        Assert.Equal(0, LibC.pipe2(fds, LibC.O_CLOEXEC));
        return (fds[0], fds[1]);
    }

    private static string ReadAll(int fd)
    {
        var text = new System.Text.StringBuilder();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = Descriptor.Read(fd, buffer)) > 0) text.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, n));
        return text.ToString();
    }

    [Fact]
    public void Exit_code_of_a_spawned_child_is_reaped()
    {
        int pid = Spawner.Spawn(new SpawnRequest("/bin/sh", ["sh", "-c", "exit 3"]));
        WaitStatus status = ChildProcesses.Wait(pid);
        Assert.True(status.Exited);
        Assert.Equal(3, status.ExitCode);
    }

    [Fact]
    public void Child_gets_the_requested_stdout_directory_and_default_signal_state()
    {
        (int read, int write) = Pipe();
        int pid = Spawner.Spawn(new SpawnRequest("/bin/sh", ["sh", "-c", "pwd; grep -E '^SigIgn' /proc/self/status >&2; grep -E '^Sig(Blk|Ign)' /proc/self/status"])
        {
            Descriptors = [(write, 1)],
            WorkingDirectory = "/tmp",
        });
        Descriptor.Close(write);
        string output = ReadAll(read);
        Descriptor.Close(read);
        Assert.True(ChildProcesses.Wait(pid).Exited);
        Assert.Contains("/tmp\n", output);
        Assert.Contains("SigBlk:\t0000000000000000", output);
        // Signals 1-31 back to default; 32 and 33 belong to glibc, which sets them up itself in every program.
        string ignored = output.Split('\n').First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))[7..].Trim();
        Assert.Equal(0UL, Convert.ToUInt64(ignored, 16) & 0x7fffffffUL);
    }

    [Fact]
    public void A_missing_program_is_reported_as_ENOENT()
    {
        int pid = Spawner.TrySpawn(new SpawnRequest("/nonexistent/run", ["run"]), out int errno);
        Assert.Equal(-1, pid);
        Assert.Equal(Errno.ENOENT, errno);
    }

    [Fact]
    public void Killed_child_reports_its_signal()
    {
        int pid = Spawner.Spawn(new SpawnRequest("/bin/sleep", ["sleep", "100"]));
        Assert.False(ChildProcesses.TryReap(pid, out _));
        Assert.Equal(0, LibC.kill(pid, LibC.SIGKILL));
        WaitStatus status = ChildProcesses.Wait(pid);
        Assert.True(status.Signaled);
        Assert.Equal(LibC.SIGKILL, status.Signal);
    }
}
