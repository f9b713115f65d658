using System.Reflection;

namespace Daemontools.Commands.Tests.Support;

/// <summary>Where the programs under test live: ours in out/Daemontools/bin, Debian's in /usr/bin.</summary>
public static class Programs
{
    /// <summary>The repository root, baked in at build time.</summary>
    public static string RepoRoot { get; } = typeof(Programs).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>The folder of our program links.</summary>
    public static string OurBin { get; } = Path.Combine(RepoRoot, "out", "Daemontools", "bin");

    /// <summary>Our program of that name (a link to the multi-call binary).</summary>
    public static string Ours(string name)
    {
        string path = Path.Combine(OurBin, name);
        Assert.True(File.Exists(path), $"{path} is missing: build with `dotnet build -c Release` first");
        return path;
    }

    /// <summary>
    /// Debian's original. Differential tests never skip: without the reference binaries they
    /// fail and say how to get them (CI installs them in .ci/run).
    /// </summary>
    public static string Debian(string name)
    {
        string path = Path.Combine("/usr/bin", name);
        Assert.True(File.Exists(path), $"{path} is missing: the differential tests need Debian's daemontools (apt-get install daemontools)");
        return path;
    }

    /// <summary>
    /// s6's program of that name (s6-supervise, s6-svc, s6-svwait, ...), the reference for the
    /// features beyond 0.76. Like Debian's daemontools, missing means failing (apt-get install s6).
    /// </summary>
    public static string S6(string name)
    {
        string path = Path.Combine("/usr/bin", name);
        Assert.True(File.Exists(path), $"{path} is missing: the s6 differential tests need Debian's s6 (apt-get install s6)");
        return path;
    }
}
