namespace Daemontools.Tests.Shared;

/// <summary>Awaits a condition with a bounded timeout instead of sleeping and hoping.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="what"/> on timeout.</summary>
    public static void True(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var tick = new ManualResetEventSlim(false);
        while (!condition())
        {
            if (clock.Elapsed > limit) Assert.Fail($"timed out after {limit} waiting for {what}");
            tick.Wait(5);
        }
    }
}
