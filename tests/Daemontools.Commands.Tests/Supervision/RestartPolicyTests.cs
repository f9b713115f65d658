using Daemontools.Engine.Time;

namespace Daemontools.Commands.Tests.Supervision;

/// <summary>
/// The restart-policy file under a real supervise with a ./run that keeps dying. Times are checked
/// only as the policy guarantees them: a start never comes before its back-off has passed (./run's
/// own clock reading at start against the death time supervise recorded in death_tally), and the
/// schedule supervise writes in the status (next start due, from the same clock as the death) is
/// the policy's delay.
/// </summary>
public sealed class RestartPolicyTests
{
    // ./run logs the wall clock in milliseconds as it starts, then exits 1.
    private const string DyingRun = "echo \"$(date +%s%3N)\" >> log\nexit 1";

    private const int DeathLength = 14;

    private static void Write(SupervisedService service, string name, string text) => File.WriteAllText(Path.Combine(service.Path, name), text);

    private static long Milliseconds(ReadOnlySpan<byte> label) => Tai64NLabel.Unpack(label).ToDateTimeOffset().ToUnixTimeMilliseconds();

    private static long[] Starts(SupervisedService service) =>
        service.Log().Select(l => long.Parse(l, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static long[] DeathTimes(SupervisedService service)
    {
        byte[] tally = File.ReadAllBytes(Path.Combine(service.Path, "supervise", "death_tally"));
        return Enumerable.Range(0, tally.Length / DeathLength).Select(i => Milliseconds(tally.AsSpan(i * DeathLength))).ToArray();
    }

    /// <summary>
    /// Watches the status until <paramref name="deaths"/> deaths were seen and returns, per death,
    /// the delay supervise scheduled after it: next start due minus death time (0 when it started again at once).
    /// </summary>
    private static long[] ScheduledDelays(SupervisedService service, int deaths, Dictionary<long, long>? seen = null)
    {
        Dictionary<long, long> delays = seen ?? [];
        Eventually.True(
            () =>
            {
                byte[] status = service.StatusBytes();
                if (status.Length < 65 || status.AsSpan(32, 12).IndexOfAnyExcept((byte)0) < 0) return false;
                long death = Milliseconds(status.AsSpan(32, 12));
                bool owed = status.AsSpan(53, 12).IndexOfAnyExcept((byte)0) >= 0;
                if (owed) delays[death] = Milliseconds(status.AsSpan(53, 12)) - death;
                else if (service.RunPid != 0) delays.TryAdd(death, 0);
                return delays.Count >= deaths;
            },
            $"{deaths} deaths in the status",
            TimeSpan.FromSeconds(60));
        return delays.OrderBy(d => d.Key).Select(d => d.Value).ToArray();
    }

    private static void AssertDelay(long expected, long scheduled, string what) =>
        // The two stamps are taken in one pass of supervise's loop: far less than the slack here.
        Assert.True(scheduled >= expected && scheduled < expected + 500, $"{what}: {scheduled} ms scheduled, the policy says {expected}");

    [Fact]
    public void Backoff_doubles_the_delay_after_each_quick_death_up_to_its_maximum()
    {
        using var service = new SupervisedService(DyingRun);
        Write(service, "restart-policy", "backoff 1200 2500\nstable 60000\n");
        service.Start(Programs.Ours("supervise"));
        long[] scheduled = ScheduledDelays(service, 3);
        Eventually.True(() => service.Log().Length >= 4, "the fourth start");

        AssertDelay(1200, scheduled[0], "after the first death");
        AssertDelay(2400, scheduled[1], "after the second");
        AssertDelay(2500, scheduled[2], "after the third (the maximum)");
        long[] starts = Starts(service), deaths = DeathTimes(service);
        long[] policy = [1200, 2400, 2500];
        for (int i = 0; i < policy.Length; i++)
        {
            Assert.True(starts[i + 1] - deaths[i] >= policy[i], $"start {i + 2} came {starts[i + 1] - deaths[i]} ms after death {i + 1}, before its back-off of {policy[i]} ms");
        }
    }

    [Fact]
    public void A_run_that_lasts_the_stable_time_resets_the_backoff()
    {
        // Runs 1, 2 and 4 die at once; run 3 lives 3.5 s, longer than "stable". Run 4 waits for the
        // test to have seen it started at once (that state lasts only as long as run 4 lives; well
        // within "stable" even on a loaded machine, so its death still counts as quick).
        using var service = new SupervisedService("n=$(cat log 2>/dev/null | wc -l)\n" + DyingRun.Replace("exit 1", "[ \"$n\" = 2 ] && sleep 3.5\n[ \"$n\" = 3 ] && until [ -e go ]; do sleep 0.05; done\nexit 1", StringComparison.Ordinal));
        Write(service, "restart-policy", "backoff 2000 60000\nstable 3000\n");
        service.Start(Programs.Ours("supervise"));
        var seen = new Dictionary<long, long>();
        ScheduledDelays(service, 3, seen);
        File.WriteAllText(Path.Combine(service.Path, "go"), "");
        long[] scheduled = ScheduledDelays(service, 4, seen);

        AssertDelay(2000, scheduled[0], "after the first quick death");
        AssertDelay(4000, scheduled[1], "after the second");
        Assert.Equal(0, scheduled[2]);
        AssertDelay(2000, scheduled[3], "after the first quick death since the stable run");
    }

    [Fact]
    public void Give_up_after_N_deaths_in_the_window_is_a_permanent_failure_until_svc_u()
    {
        using var service = new SupervisedService("echo start >> log\nexit 1", down: true);
        Write(service, "restart-policy", "give-up 3 30000\n");
        Write(service, "notification-fd", "3\n");
        service.Start(Programs.Ours("supervise"));
        Eventually.True(() => service.Client(Programs.Ours("svok"), service.Name).ExitCode == 0, "supervise to start");
        using PendingWait ready = service.SvwaitInBackground("-U", "-t", "30000");
        Eventually.True(() => Directory.GetFileSystemEntries(Path.Combine(service.Path, "supervise", "event")).Length == 1, "svwait to listen");
        service.Client(Programs.Ours("svc"), "-u", service.Name);

        Assert.Equal(1, ready.Finish().ExitCode); // one service failed permanently while awaited
        Assert.Equal(3, service.Log().Length);
        Assert.Equal(3 * DeathLength, new FileInfo(Path.Combine(service.Path, "supervise", "death_tally")).Length);
        Assert.Equal(4, service.StatusBytes()[19] & 4); // flags: failed
        Assert.Equal((byte)'d', service.StatusBytes()[17]); // want down, as finish exit 125 leaves it
        Assert.Equal("svc: down S seconds, exitcode 1, failed", service.MaskedStatus(Programs.Ours("svstat")));
        Assert.Equal("svc: down S seconds", service.MaskedStatus(Programs.Debian("svstat")));
        // No fourth start on its own: it would come a second after the third.
        Assert.Equal(99, service.Client(Programs.Ours("svwait"), "-u", "-t", "1500", service.Name).ExitCode);
        Assert.Equal(3, service.Log().Length);

        service.Client(Programs.Ours("svc"), "-u", service.Name);
        Eventually.True(() => service.Log().Length == 4, "svc -u to start ./run again");
        service.Client(Programs.Ours("svc"), "-d", service.Name);
        Eventually.True(() => !service.MaskedStatus(Programs.Ours("svstat")).Contains("failed", StringComparison.Ordinal), "the failure to be cleared");
    }
}
