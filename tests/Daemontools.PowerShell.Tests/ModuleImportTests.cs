using System.Collections;
using System.Management.Automation.Language;

namespace Daemontools.PowerShell.Tests;

public sealed class ModuleImportTests : IClassFixture<ModuleImportTests.Session>
{
    public sealed class Session : IDisposable
    {
        public ModuleSession Module { get; } = new();

        public void Dispose() => Module.Dispose();
    }

    private readonly ModuleSession _session;

    public ModuleImportTests(Session session) => _session = session.Module;

    [Fact]
    public void Import_produces_no_errors()
    {
        Assert.Empty(_session.ImportErrors);
        Assert.Single(_session.ImportResult);
    }

    [Fact]
    public void Exports_exactly_the_cmdlets_listed_in_the_manifest()
    {
        string manifest = File.ReadAllText(Path.Combine(ModuleSession.RepoRoot, "Daemontools.psd1"));
        var ast = Parser.ParseInput(manifest, out _, out _);
        var data = (Hashtable)((HashtableAst)ast.Find(a => a is HashtableAst, false)!).SafeGetValue();
        string[] listed = ((object[])data["CmdletsToExport"]!).Cast<string>().Order().ToArray();
        string[] exported = _session.RunClean("(Get-Module Daemontools).ExportedCmdlets.Keys")
            .Select(o => (string)o.BaseObject).Order().ToArray();
        Assert.Equal(listed, exported);
        Assert.DoesNotContain(listed, name => name.Contains('*'));
    }

    [Fact]
    public void Every_exported_cmdlet_has_help_with_a_synopsis()
    {
        var cmdlets = _session.RunClean("(Get-Module Daemontools).ExportedCmdlets.Keys").Select(o => (string)o.BaseObject);
        foreach (string name in cmdlets)
        {
            var help = _session.RunClean($"(Get-Help {name}).Synopsis");
            string synopsis = help.Single().ToString().Trim();
            Assert.False(string.IsNullOrEmpty(synopsis) || synopsis.StartsWith(name, StringComparison.Ordinal), $"{name} has no help synopsis: '{synopsis}'");
        }
    }

    [Fact]
    public void The_import_completes_bin_with_a_link_for_every_program_the_build_links()
    {
        // A package holds the binary only: the import makes these links, so the lists must agree.
        string bin = Path.Combine(ModuleSession.RepoRoot, "out", "Daemontools", "bin");
        string[] built = Directory.GetFiles(bin)
            .Where(f => new FileInfo(f).LinkTarget == "daemontools")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        string[] completed = _session.RunClean("[Daemontools.PowerShell.StartSvScan].Assembly.GetType('Daemontools.PowerShell.ModulePrograms').GetField('Names').GetValue($null)")
            .Select(o => (string)o.BaseObject).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(built, completed);
    }

    [Fact]
    public void Pester_suites_parse_without_errors()
    {
        string[] suites = Directory.GetFiles(Path.Combine(ModuleSession.RepoRoot, "tests", "pester"), "*.ps1", SearchOption.AllDirectories);
        Assert.NotEmpty(suites);
        foreach (string suite in suites)
        {
            Parser.ParseFile(suite, out _, out ParseError[] errors);
            Assert.True(errors.Length == 0, $"{suite}: " + string.Join("; ", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
        }
    }
}
