using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

public sealed class SpawnerTests
{
    private static PipePair MakePipe()
    {
        Assert.Equal(Errno.None, Pipe.Create(out PipePair pipe));
        return pipe;
    }

    private static string ReadAll(Descriptor fd)
    {
        var text = new System.Text.StringBuilder();
        byte[] buffer = new byte[4096];
        while (fd.Read(buffer, out int n) == Errno.None && n > 0) text.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, n));
        return text.ToString();
    }

    private static ChildProcess Spawn(SpawnRequest request)
    {
        SpawnResult started = Spawner.Spawn(request);
        Assert.True(started.Started, $"spawn: {started.Errno}");
        return started.Child;
    }

    [Fact]
    public void Exit_code_of_a_spawned_child_is_reaped()
    {
        ChildProcess child = Spawn(new SpawnRequest("/bin/sh", ["sh", "-c", "exit 3"]));
        WaitStatus status = child.Wait();
        Assert.True(status.Exited);
        Assert.Equal(3, status.ExitCode);
    }

    [Fact]
    public void Child_gets_the_requested_stdout_directory_and_default_signal_state()
    {
        PipePair pipe = MakePipe();
        ChildProcess child = Spawn(new SpawnRequest("/bin/sh", ["sh", "-c", "pwd; grep -E '^SigIgn' /proc/self/status >&2; grep -E '^Sig(Blk|Ign)' /proc/self/status"])
        {
            Descriptors = [(pipe.Write, 1)],
            WorkingDirectory = "/tmp",
        });
        pipe.Write.Close();
        string output = ReadAll(pipe.Read);
        pipe.Read.Close();
        Assert.True(child.Wait().Exited);
        Assert.Contains("/tmp\n", output);
        Assert.Contains("SigBlk:\t0000000000000000", output);
        // Signals 1-31 back to default; 32 and 33 belong to glibc, which sets them up itself in every program.
        string ignored = output.Split('\n').First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))[7..].Trim();
        Assert.Equal(0UL, Convert.ToUInt64(ignored, 16) & 0x7fffffffUL);
    }

    [Fact]
    public void A_missing_program_is_reported_as_ENOENT()
    {
        SpawnResult started = Spawner.Spawn(new SpawnRequest("/nonexistent/run", ["run"]));
        Assert.False(started.Started);
        Assert.Equal(Errno.ENOENT, started.Errno);
    }

    [Fact]
    public void Killed_child_reports_its_signal()
    {
        ChildProcess child = Spawn(new SpawnRequest("/bin/sleep", ["sleep", "100"]));
        Assert.False(child.TryReap(out _));
        Assert.True(child.Signal(Signal.Kill));
        WaitStatus status = child.Wait();
        Assert.True(status.Signaled);
        Assert.Equal(Signal.Kill, status.Signal);
    }

    [Fact]
    public void Inherited_descriptors_reach_the_child_at_their_numbers_and_a_new_session_is_its_own()
    {
        PipePair pipe = MakePipe(); // close-on-exec: only the Inherit list gets it into the child
        ChildProcess child = Spawn(new SpawnRequest("/bin/sh", ["sh", "-c", $"echo $$ $(cut -d' ' -f6 /proc/$$/stat) > /proc/self/fd/{pipe.Write.Number}"])
        {
            Inherit = [pipe.Write],
            NewSession = true,
        });
        pipe.Write.Close();
        string[] fields = ReadAll(pipe.Read).Split(' ', StringSplitOptions.TrimEntries);
        pipe.Read.Close();
        Assert.Equal(0, child.Wait().ExitCode);
        Assert.Equal(fields[0], fields[1]); // the session id is the child's own pid
    }

    [Fact]
    public void The_environment_given_as_bytes_is_all_the_child_sees()
    {
        PipePair pipe = MakePipe();
        ChildProcess child = Spawn(new SpawnRequest("/usr/bin/env", ["env"])
        {
            Environment = ["A=1"u8.ToArray(), "B=x y"u8.ToArray()],
            Descriptors = [(pipe.Write, 1)],
        });
        pipe.Write.Close();
        string output = ReadAll(pipe.Read);
        pipe.Read.Close();
        Assert.True(child.Wait().Exited);
        Assert.Equal("A=1\nB=x y\n", output);
    }
}
