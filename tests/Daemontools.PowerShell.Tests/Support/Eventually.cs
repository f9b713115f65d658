namespace Daemontools.PowerShell.Tests.Support;

/// <summary>Awaits a condition with a bounded timeout instead of sleeping and hoping.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds (30 s at most: CI is slow and noisy); fails the test with <paramref name="what"/> on timeout.</summary>
    public static void True(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var tick = new ManualResetEventSlim(false);
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) Assert.Fail($"timed out waiting for {what}");
            tick.Wait(5);
        }
    }
}
