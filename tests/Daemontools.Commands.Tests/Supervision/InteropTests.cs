namespace Daemontools.Commands.Tests.Supervision;

/// <summary>
/// Every control letter and status combination, with each supervise (ours, Debian's) driven and
/// read by each set of clients (ours, Debian's svc/svstat/svok).
/// </summary>
public sealed class InteropTests
{
    // Logs every signal it can catch; TERM is caught too, so `d` shows ", want down" until `k`.
    // "start" is logged after the traps are set, so a test that has seen it may send signals.
    private const string TrappingRun = """
        trap 'echo hup >> log' HUP
        trap 'echo alrm >> log' ALRM
        trap 'echo int >> log' INT
        trap 'echo term >> log' TERM
        trap 'echo cont >> log' CONT
        echo start >> log
        while :; do sleep 1 & wait $!; done
        """;

    private static string ProcessState(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        }
        catch (IOException)
        {
            return "gone";
        }
    }

    [Theory]
    [MemberData(nameof(Implementations.Pairs), MemberType = typeof(Implementations))]
    public void Every_command_letter_has_the_original_effect(string supervise, string clients)
    {
        string svc = Implementations.Program(clients, "svc");
        string svstat = Implementations.Program(clients, "svstat");
        string svok = Implementations.Program(clients, "svok");
        using var service = new SupervisedService(TrappingRun).Start(Implementations.Program(supervise, "supervise"));

        service.AwaitStatus(svstat, "svc: up (pid N) S seconds");
        Assert.Equal(0, service.Client(svok, "svc").ExitCode);
        int pid = service.RunPid;
        Eventually.True(() => service.Log().Contains("start"), "./run to start");

        Assert.Equal(0, service.Client(svc, "-p", "svc").ExitCode);
        service.AwaitStatus(svstat, "svc: up (pid N) S seconds, paused");
        Eventually.True(() => ProcessState(pid) == "T", "./run to be stopped");
        Assert.Equal(1, service.StatusBytes()[16]);

        service.Control(svc, "-c", svstat, "svc: up (pid N) S seconds");
        Eventually.True(() => ProcessState(pid) != "T" && service.Log().Contains("cont"), "./run to continue");

        foreach ((string letter, string logged) in new[] { ("h", "hup"), ("a", "alrm"), ("i", "int"), ("t", "term") })
        {
            service.Client(svc, "-" + letter, "svc");
            Eventually.True(() => service.Log().Contains(logged), $"./run to get {logged}");
        }
        Assert.Equal(pid, service.RunPid);

        service.Client(svc, "-o", "svc");
        Eventually.True(() => service.StatusBytes()[17] == 0, "want byte 0 after -o");
        service.AwaitStatus(svstat, "svc: up (pid N) S seconds");
        service.Client(svc, "-u", "svc");
        Eventually.True(() => service.StatusBytes()[17] == 'u', "want byte u after -u");

        int terms = service.Log().Count(l => l == "term");
        service.Control(svc, "-d", svstat, "svc: up (pid N) S seconds, want down");
        Eventually.True(() => service.Log().Count(l => l == "term") > terms, "-d to send TERM");

        service.Control(svc, "-p", svstat, "svc: up (pid N) S seconds, paused, want down");

        service.Control(svc, "-k", svstat, "svc: down S seconds, normally up");
        Assert.Equal(0, service.StatusBytes()[16]);

        service.Client(svc, "-u", "svc");
        Eventually.True(() => service.RunPid != 0 && service.RunPid != pid, "a new ./run after -u");
        service.AwaitStatus(svstat, "svc: up (pid N) S seconds");
        Eventually.True(() => service.Log().Count(l => l == "start") == 2, "the second start to be logged");

        service.Control(svc, "-x", svstat, "svc: up (pid N) S seconds");
        Assert.False(service.Exited);

        service.Control(svc, "-k", svstat, "svc: supervise not running");
        Assert.Equal(100, service.Client(svok, "svc").ExitCode);
        Eventually.True(() => service.Exited, "supervise to exit after x once down");
        Assert.Equal(0, service.ExitCode);
        Assert.Equal(0, service.RunPid);
    }

    [Theory]
    [MemberData(nameof(Implementations.Pairs), MemberType = typeof(Implementations))]
    public void Once_down_and_normally_down_combinations(string supervise, string clients)
    {
        string svc = Implementations.Program(clients, "svc");
        string svstat = Implementations.Program(clients, "svstat");
        using var service = new SupervisedService("exec sleep 1000", down: true).Start(Implementations.Program(supervise, "supervise"));

        service.AwaitStatus(svstat, "svc: down S seconds");
        Assert.Equal((byte)'d', service.StatusBytes()[17]);
        Assert.Equal(0, service.Client(Implementations.Program(clients, "svok"), "svc").ExitCode);

        service.Control(svc, "-o", svstat, "svc: up (pid N) S seconds, normally down");
        service.Control(svc, "-p", svstat, "svc: up (pid N) S seconds, normally down, paused");
        service.Control(svc, "-c", svstat, "svc: up (pid N) S seconds, normally down");

        // Once: after it is killed it stays down, and svstat shows no want.
        service.Control(svc, "-k", svstat, "svc: down S seconds");
        Assert.Equal(0, service.StatusBytes()[17]);

        service.Control(svc, "-u", svstat, "svc: up (pid N) S seconds, normally down");
        service.Control(svc, "-d", svstat, "svc: down S seconds");

        File.Delete(Path.Combine(service.Path, "down"));
        service.AwaitStatus(svstat, "svc: down S seconds, normally up");
        service.Control(svc, "-u", svstat, "svc: up (pid N) S seconds");
        service.Control(svc, "-dx", svstat, "svc: supervise not running");
        Eventually.True(() => service.Exited, "supervise to exit after -dx");
    }
}
