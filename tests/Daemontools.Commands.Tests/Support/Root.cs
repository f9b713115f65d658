namespace Daemontools.Commands.Tests.Support;

/// <summary>Tests of account switching need root (CI runs as root); without it they fail and say so, never skip.</summary>
public static class Root
{
    /// <summary>The effective uid of the test process.</summary>
    public static int EffectiveUserId
    {
        get
        {
            string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Fails the test with a clear message unless it runs as root.</summary>
    public static void Require() =>
        Assert.True(EffectiveUserId == 0, "this test switches accounts and must run as root (CI runs the suite as root); run `sudo dotnet test ...`");
}
