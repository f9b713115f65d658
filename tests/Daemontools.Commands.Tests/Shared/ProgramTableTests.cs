namespace Daemontools.Commands.Tests.Shared;

/// <summary>The binary's one table of programs drives its usage line and the links the build makes in bin/.</summary>
public sealed class ProgramTableTests
{
    private static string[] UsageLineProgramNames()
    {
        ProgramResult result = ProgramRun.Run(Path.Combine(Programs.OurBin, "daemontools"), []);
        Assert.Equal(100, result.ExitCode);
        return result.Err.Split('\n').Single(l => l.StartsWith("programs: ", StringComparison.Ordinal))["programs: ".Length..].Split(' ');
    }

    [Fact]
    public void The_usage_line_lists_exactly_the_programs_linked_in_bin()
    {
        string[] linked = Directory.GetFiles(Programs.OurBin)
            .Where(f => new FileInfo(f).LinkTarget == "daemontools")
            .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(linked, UsageLineProgramNames().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_program_has_a_link_to_the_binary_and_answers_to_its_name()
    {
        foreach (string name in UsageLineProgramNames())
        {
            var link = new FileInfo(Path.Combine(Programs.OurBin, name));
            Assert.Equal("daemontools", link.LinkTarget);
        }
        // Named through the multi-call binary, a program runs (tai64n stamps its input).
        ProgramResult stamped = ProgramRun.Run(Path.Combine(Programs.OurBin, "daemontools"), ["tai64n"], "x\n"u8.ToArray());
        Assert.Equal(0, stamped.ExitCode);
        Assert.Matches("^@[0-9a-f]{24} x\n$", stamped.Out);
    }
}
