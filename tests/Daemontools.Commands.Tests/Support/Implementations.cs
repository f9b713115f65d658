namespace Daemontools.Commands.Tests.Support;

/// <summary>Theory data naming which implementation plays each part: "ours" or "debian".</summary>
public static class Implementations
{
    /// <summary>The program of that name from the named implementation.</summary>
    public static string Program(string implementation, string name) =>
        implementation == "ours" ? Programs.Ours(name) : Programs.Debian(name);

    /// <summary>Every pairing of two parts: (supervise, client), (svscan, the supervise it finds on PATH).</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        { "ours", "ours" },
        { "ours", "debian" },
        { "debian", "ours" },
        { "debian", "debian" },
    };

    /// <summary>Each implementation alone.</summary>
    public static TheoryData<string> Each => new() { "ours", "debian" };
}
