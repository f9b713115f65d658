using Daemontools.Engine.Supervision;

namespace Daemontools.Commands.Tests.Supervision;

/// <summary>
/// The cmdlets' waits (Wait-SvStat, Invoke-Svc -Wait, Start-/Stop-/Restart-SvService) against real
/// supervise processes: under ours they sleep on a status listener's pipe in supervise/event, woken
/// by every status write, even one no s6 letter names (a pause); under Debian's, which writes no
/// events, on inotify; under both, supervise's exit ends a wait for it, and cancellation ends any.
/// </summary>
public sealed class StatusWaitTests
{
    private static string[] StatusListeners(SupervisedService service)
    {
        string events = Path.Combine(service.Path, "supervise", "event");
        return Directory.Exists(events)
            ? Directory.GetFileSystemEntries(events).Select(p => Path.GetFileName(p)).Where(n => n.StartsWith("status-", StringComparison.Ordinal)).ToArray()
            : [];
    }

    private static Task<ServiceStatus?> WaitInBackground(SupervisedService service, StatusGoal goal, CancellationToken cancel = default) =>
        Task.Factory.StartNew(() => StatusWait.Until(service.Path, StatusTarget.For(goal), TimeSpan.FromSeconds(30), cancel), cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    [Fact]
    public async Task Under_our_supervise_the_wait_sleeps_on_a_status_pipe_in_supervise_event_woken_by_a_pause()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        Eventually.True(() => service.RunPid != 0, "./run to start");
        Task<ServiceStatus?> wait = WaitInBackground(service, StatusGoal.Paused);
        Eventually.True(() => StatusListeners(service).Length == 1, "the wait's status pipe in supervise/event");
        Assert.False(wait.IsCompleted);

        Assert.Equal(0, service.Client(Programs.Ours("svc"), "-p", service.Name).ExitCode);
        ServiceStatus? status = await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, status!.Record.PausedFlag);
        Assert.Empty(StatusListeners(service));
    }

    [Fact]
    public void The_status_pipe_gets_no_s6_letters_and_event_listeners_get_no_status_bytes()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        Eventually.True(() => service.RunPid != 0, "./run to start");
        using var letters = new EventPipe(Path.Combine(service.Path, "supervise", "event", "listener-test"));
        using var status = new EventPipe(Path.Combine(service.Path, "supervise", "event", "status-test"));
        service.Client(Programs.Ours("svc"), "-p", service.Name);
        Assert.Equal(".", status.Await(1));
        service.Client(Programs.Ours("svc"), "-d", service.Name);
        Assert.Equal("dD", letters.Await(2));
        Assert.StartsWith(".", status.Await(2), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public async Task A_wait_for_up_returns_once_run_starts(string supervise)
    {
        using var service = new SupervisedService("exec sleep 1000", down: true).Start(Implementations.Program(supervise, "supervise"));
        Eventually.True(() => File.Exists(Path.Combine(service.Path, "supervise", "ok")) && service.Client(Programs.Debian("svok"), service.Name).ExitCode == 0, "supervise to start");
        Task<ServiceStatus?> wait = WaitInBackground(service, StatusGoal.Up);
        Assert.Equal(0, service.Client(Programs.Ours("svc"), "-u", service.Name).ExitCode);
        ServiceStatus? status = await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(status!.Record.IsUp);
    }

    [Theory]
    [MemberData(nameof(Implementations.Each), MemberType = typeof(Implementations))]
    public async Task A_wait_for_supervise_to_go_ends_when_it_exits(string supervise)
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Implementations.Program(supervise, "supervise"));
        Eventually.True(() => service.RunPid != 0, "./run to start");
        Task<ServiceStatus?> wait = WaitInBackground(service, StatusGoal.NotSupervised);
        Assert.Equal(0, service.Client(Programs.Ours("svc"), "-dx", service.Name).ExitCode);
        ServiceStatus? status = await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(status!.NotSupervised);
    }

    [Fact]
    public async Task Cancelling_ends_a_wait_that_nothing_else_would_end()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        Eventually.True(() => service.RunPid != 0, "./run to start");
        using var cancel = new CancellationTokenSource();
        Task<ServiceStatus?> wait = Task.Run(() => StatusWait.Until(service.Path, StatusTarget.For(StatusGoal.Down), TimeSpan.FromDays(365), cancel.Token));
        Eventually.True(() => StatusListeners(service).Length == 1, "the wait to sleep");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(StatusListeners(service));
    }
}
