using System.Xml.Linq;
using Daemontools.Commands.Tests.Support;

namespace Daemontools.Commands.Tests.Shared;

/// <summary>The binary's one table of programs and the project's ProgramName items (which make the links) agree.</summary>
public sealed class ProgramTableTests
{
    private static IReadOnlyList<string> ProjectProgramNames()
    {
        string project = Path.Combine(Programs.RepoRoot, "src", "Daemontools.Commands", "Daemontools.Commands.csproj");
        return XDocument.Load(project).Descendants("ProgramName").Select(e => (string)e.Attribute("Include")!).ToList();
    }

    [Fact]
    public void The_usage_line_lists_exactly_the_project_program_names_in_order()
    {
        ProgramResult result = ProgramRun.Run(Path.Combine(Programs.OurBin, "daemontools"), []);

        Assert.Equal(100, result.ExitCode);
        string listed = result.Err.Split('\n').Single(l => l.StartsWith("programs: ", StringComparison.Ordinal))["programs: ".Length..];
        Assert.Equal(ProjectProgramNames(), listed.Split(' '));
    }

    [Fact]
    public void Every_program_has_a_link_to_the_binary_and_answers_to_its_name()
    {
        foreach (string name in ProjectProgramNames())
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
