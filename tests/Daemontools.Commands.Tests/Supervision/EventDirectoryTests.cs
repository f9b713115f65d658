using System.Diagnostics;

namespace Daemontools.Commands.Tests.Supervision;

/// <summary>
/// supervise/event, the fifodir svwait listens on: the letters (against s6-supervise's), svwait's
/// pipe coming and going, a killed listener's pipe cleaned by the next event, and the fallback to
/// watching the status under Debian's supervise when an old event directory is still there.
/// </summary>
public sealed class EventDirectoryTests
{
    private static string[] Listeners(SupervisedService service) =>
        Directory.GetFileSystemEntries(Path.Combine(service.Path, "supervise", "event")).Select(Path.GetFileName).ToArray()!;

    /// <summary>
    /// The letters from the first `d` on, once there are <paramref name="count"/> of them. A pipe
    /// made just after svwait -U returned can still get that readiness's `U`: svwait returns on its
    /// own pipe's letter while supervise is still writing to the others and can meet the new one.
    /// Both s6-supervise and ours do it; nothing else may come before the `d`.
    /// </summary>
    private static string AwaitSinceDown(EventPipe pipe, int count)
    {
        Eventually.True(() => pipe.Letters.TrimStart('U').Length >= count, $"{count} event letters after the first d (have '{pipe.Letters}')");
        string letters = pipe.Letters;
        Assert.Contains(letters[..letters.IndexOf('d', StringComparison.Ordinal)], new[] { "", "U" });
        return letters.TrimStart('U');
    }

    [Fact]
    public void Supervise_writes_the_event_letters_s6_supervise_writes()
    {
        var files = new Dictionary<string, string> { ["notification-fd"] = "3\n" };
        var letters = new Dictionary<string, string>();
        foreach (string implementation in new[] { ComparedService.S6, ComparedService.Ours })
        {
            using var service = new ComparedService(
                implementation,
                run: "echo >&3\nexec sleep 1000",
                finish: "test -e fail && exit 125\nexit 0",
                files: files).Start();
            Assert.Equal(0, service.Svwait("-U", "-t", "10000").Result.ExitCode);
            using EventPipe pipe = service.Listen();
            service.Svc("-d");
            Assert.Equal(0, service.Svwait("-D", "-t", "10000").Result.ExitCode);
            service.Svc("-u");
            Assert.Equal(0, service.Svwait("-U", "-t", "10000").Result.ExitCode);
            File.WriteAllText(Path.Combine(service.Path, "fail"), string.Empty);
            service.Svc("-k");
            AwaitSinceDown(pipe, 7);
            service.Svc("-x");
            letters[implementation] = AwaitSinceDown(pipe, 8);
        }
        Assert.Equal("dDuUdODx", letters[ComparedService.S6]);
        Assert.Equal(letters[ComparedService.S6], letters[ComparedService.Ours]);
    }

    [Fact]
    public void A_plain_directory_gets_the_events_and_keeps_its_18_byte_status()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        Eventually.True(() => service.RunPid != 0, "./run to start");
        using var pipe = new EventPipe(Path.Combine(service.Path, "supervise", "event", "listener-test"));
        service.Client(Programs.Ours("svc"), "-d", service.Name);
        Assert.Equal("dD", pipe.Await(2));
        Assert.Equal(18, service.StatusBytes().Length);
        Assert.Equal("svc: down S seconds, normally up\n", SupervisedService.Mask(service.Client(Programs.Debian("svstat"), service.Name).Out));
    }

    [Fact]
    public void Svwait_listens_on_a_pipe_of_its_own_and_removes_it_when_it_returns()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        Eventually.True(() => service.RunPid != 0, "./run to start");
        using PendingWait svwait = service.SvwaitInBackground("-d", "-t", "20000");
        Eventually.True(() => Listeners(service).Length == 1, "svwait's pipe in supervise/event");
        Assert.StartsWith("listener-", Listeners(service)[0], StringComparison.Ordinal);
        service.Client(Programs.Ours("svc"), "-d", service.Name);
        Assert.Equal(0, svwait.Finish().ExitCode);
        Assert.Empty(Listeners(service));
    }

    [Fact]
    public void A_killed_svwaits_pipe_is_removed_by_the_next_event()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        Eventually.True(() => service.RunPid != 0, "./run to start");
        using (PendingWait svwait = service.SvwaitInBackground("-d", "-t", "20000"))
        {
            Eventually.True(() => Listeners(service).Length == 1, "svwait's pipe in supervise/event");
            ProcessTree.Kill(svwait.Pid, ProcessTree.SIGKILL);
            Eventually.True(() => !ProcessTree.Alive(svwait.Pid), "svwait to die");
        }
        Assert.Single(Listeners(service));
        service.Client(Programs.Ours("svc"), "-d", service.Name);
        Eventually.True(() => Listeners(service).Length == 0, "the stale pipe to be unlinked");
    }

    [Fact]
    public void A_dotted_pipe_whose_maker_died_is_removed_by_the_next_event_and_one_being_made_is_kept()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        Eventually.True(() => service.RunPid != 0, "./run to start");
        string events = Path.Combine(service.Path, "supervise", "event");
        int dead;
        using (Process gone = Process.Start("/bin/true")!)
        {
            gone.WaitForExit();
            dead = gone.Id;
        }
        // As svwait names its pipe before renaming it: .listener-PID-RANDOM.
        string abandoned = Path.Combine(events, $".listener-{dead}-5eed"), making = Path.Combine(events, $".listener-{Environment.ProcessId}-5eed");
        Assert.Equal(0, ProgramRun.Run("/usr/bin/mkfifo", [abandoned, making]).ExitCode);
        using var pipe = new EventPipe(Path.Combine(events, "listener-test"));
        service.Client(Programs.Ours("svc"), "-d", service.Name);
        Assert.Equal("dD", pipe.Await(2));
        service.Client(Programs.Ours("svc"), "-u", service.Name);
        Assert.Equal("dDu", pipe.Await(3));
        Assert.False(File.Exists(abandoned), "the pipe of a dead maker is still there");
        Assert.True(File.Exists(making), "the pipe of a live maker was removed");
    }

    [Fact]
    public void Under_Debians_supervise_svwait_watches_the_status_despite_an_old_event_directory()
    {
        using var service = new SupervisedService("exec sleep 1000", down: true).Start(Programs.Ours("supervise"));
        Eventually.True(() => File.Exists(Path.Combine(service.Path, "supervise", "ok")), "our supervise to start");
        service.Client(Programs.Ours("svc"), "-x", service.Name);
        Eventually.True(() => service.Exited, "our supervise to exit");
        Assert.True(Directory.Exists(Path.Combine(service.Path, "supervise", "event")));

        service.Start(Programs.Debian("supervise"));
        Eventually.True(() => service.Client(Programs.Debian("svok"), service.Name).ExitCode == 0, "Debian's supervise to start");
        using PendingWait svwait = service.SvwaitInBackground("-u", "-t", "20000");
        Eventually.True(() => Watches(svwait.Pid), "svwait to watch supervise/ with inotify");
        Assert.Empty(Listeners(service));
        service.Client(Programs.Debian("svc"), "-u", service.Name);
        Assert.Equal(0, svwait.Finish().ExitCode);
    }

    private static bool Watches(int pid)
    {
        try
        {
            return Directory.GetFiles($"/proc/{pid}/fd").Any(fd => new FileInfo(fd).LinkTarget == "anon_inode:inotify");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
