using System.Text.RegularExpressions;

namespace Daemontools.Commands.Tests.ChainTools;

/// <summary>
/// One shell script run twice in identical fresh directories: with our programs first on PATH,
/// then with Debian's. What the scripts print (ids, /proc/self/status, /proc/self/limits, env)
/// is the observable state of the final program; both runs must agree byte for byte.
/// </summary>
public static partial class ChainScenario
{
    [GeneratedRegex(@"dt-test-[A-Za-z0-9]+")]
    private static partial Regex TempName();

    /// <summary>Runs <paramref name="script"/> under both, after <paramref name="setup"/> in each directory.</summary>
    public static (ProgramResult Ours, ProgramResult Debian) Run(string script, Action<TempDirectory> setup)
    {
        Programs.Debian("envdir");
        ProgramResult debian = RunIn("/usr/bin:/bin", script, setup);
        ProgramResult ours = RunIn($"{Programs.OurBin}:/usr/bin:/bin", script, setup);
        return (ours, debian);
    }

    /// <summary>Asserts that both runs gave the same exit code, stdout and stderr.</summary>
    public static ProgramResult Same(string script, Action<TempDirectory> setup)
    {
        (ProgramResult ours, ProgramResult debian) = Run(script, setup);
        Assert.Equal(Mask(debian.Err), Mask(ours.Err));
        Assert.Equal(Mask(debian.Out), Mask(ours.Out));
        Assert.Equal(debian.ExitCode, ours.ExitCode);
        return ours;
    }

    private static ProgramResult RunIn(string path, string script, Action<TempDirectory> setup)
    {
        using var directory = new TempDirectory();
        setup(directory);
        return ProgramRun.Run(
            "/bin/sh",
            ["-c", script],
            stdin: [],
            environment: new Dictionary<string, string?> { ["PATH"] = path },
            workingDirectory: directory.Path);
    }

    private static string Mask(string text) => TempName().Replace(text.Replace(Programs.OurBin + ":", string.Empty, StringComparison.Ordinal), "dt-test-X");
}
