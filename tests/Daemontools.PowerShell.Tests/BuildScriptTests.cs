using System.Management.Automation.Language;

namespace Daemontools.PowerShell.Tests;

/// <summary>build.ps1 runs in a bare hosted runspace, so its install path is tested for real into a staging root.</summary>
public sealed class BuildScriptTests : IClassFixture<ModuleImportTests.Session>, IDisposable
{
    private static readonly string Script = Path.Combine(ModuleSession.RepoRoot, "build.ps1");
    private readonly ModuleSession _session;
    private readonly TempDirectory _stage = new("dt-install-");

    public BuildScriptTests(ModuleImportTests.Session session) => _session = session.Module;

    /// <summary>The staging root every install of a test goes into (-DestDir).</summary>
    private string Stage => _stage.Path;

    public void Dispose() => _stage.Dispose();

    /// <summary>Runs `build.ps1 -Install -NoBuild -DestDir STAGE` with <paramref name="options"/>, the host's text cleared first.</summary>
    private void Install(string options)
    {
        _session.Host.Clear();
        _session.RunClean("& $script -Install -NoBuild -DestDir $stage " + options, new Dictionary<string, object?> { ["script"] = Script, ["stage"] = Stage });
    }

    [Fact]
    public void Inittab_boot_line_is_appended_once()
    {
        for (int i = 0; i < 2; i++)
        {
            Install("-ModulePath /opt/modules -Boot inittab");
        }
        string[] lines = File.ReadAllLines(Path.Combine(Stage, "etc", "inittab"));
        Assert.Equal(["SV:123456:respawn:/usr/local/bin/svscanboot"], lines);
        Assert.Null(new FileInfo(Path.Combine(Stage, "usr", "local", "bin", "svscanboot")).LinkTarget);
    }

    [Fact]
    public void WhatIf_installs_nothing_and_reports_nothing_as_installed()
    {
        Install("-ModulePath /opt/modules -Boot systemd -WhatIf");
        Assert.Contains("What if:", _session.Host.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Installed", _session.Host.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Stage));
    }

    [Fact]
    public void Messages_name_the_staged_paths_and_the_module_svscanboot_names_the_installed_bin()
    {
        Install("-ModulePath /opt/modules -Boot systemd");
        string version = Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(Stage, "opt", "modules", "Daemontools"))));
        Assert.Contains($"Installed {Stage}/etc/systemd/system/daemontools.service", _session.Host.Text, StringComparison.Ordinal);
        Assert.Contains($"Installed the module in {Stage}/opt/modules/Daemontools/{version} and the programs in {Stage}/usr/local/bin", _session.Host.Text, StringComparison.Ordinal);
        string svscanboot = File.ReadAllText(Path.Combine(Stage, "opt", "modules", "Daemontools", version, "bin", "svscanboot"));
        Assert.Contains($"PATH=/opt/modules/Daemontools/{version}/bin:", svscanboot, StringComparison.Ordinal);
        Assert.DoesNotContain(ModuleSession.RepoRoot, svscanboot, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_script_parses()
    {
        Parser.ParseFile(Script, out _, out ParseError[] errors);
        Assert.Empty(errors);
    }

    [Fact]
    public void Install_lays_out_the_module_and_the_programs_in_the_FHS_layout()
    {
        Install("-Prefix /usr -BinDir sbin -ModulePath /usr/local/share/powershell/Modules -Boot systemd");

        string sbin = Path.Combine(Stage, "usr", "sbin");
        var binary = new FileInfo(Path.Combine(sbin, "daemontools"));
        Assert.True(binary.Exists);
        Assert.True(binary.UnixFileMode.HasFlag(UnixFileMode.UserExecute));
        foreach (string name in new[] { "tai64n", "tai64nlocal" })
        {
            Assert.Equal("daemontools", new FileInfo(Path.Combine(sbin, name)).LinkTarget);
        }

        Assert.Equal(new FileInfo(Path.Combine(ModuleSession.RepoRoot, "out", "Daemontools", "bin", "daemontools")).Length, binary.Length);
        // The static binary's account-lookup companion sits beside it, executable.
        var companion = new FileInfo(Path.Combine(sbin, "daemontools-getpwnam"));
        Assert.True(companion.Exists);
        Assert.Null(companion.LinkTarget);
        Assert.True(companion.UnixFileMode.HasFlag(UnixFileMode.UserExecute));
        var svscanboot = new FileInfo(Path.Combine(sbin, "svscanboot"));
        Assert.Null(svscanboot.LinkTarget);
        Assert.True(svscanboot.UnixFileMode.HasFlag(UnixFileMode.UserExecute));
        string script = File.ReadAllText(svscanboot.FullName);
        Assert.Contains("PATH=/usr/sbin:", script);
        Assert.Contains("svscan /etc/service 2>&1", script);
        Assert.DoesNotContain("@PROGRAMS@", script);
        Assert.DoesNotContain("@SERVICEDIR@", script);
        Assert.True(Directory.Exists(Path.Combine(Stage, "etc", "service")));
        string unit = File.ReadAllText(Path.Combine(Stage, "etc", "systemd", "system", "daemontools.service"));
        Assert.Contains("ExecStart=/usr/sbin/svscan /etc/service", unit);

        string module = Path.Combine(Stage, "usr", "local", "share", "powershell", "Modules", "Daemontools");
        string versionDir = Assert.Single(Directory.GetDirectories(module));
        Assert.True(File.Exists(Path.Combine(versionDir, "Daemontools.psd1")));
        Assert.True(File.Exists(Path.Combine(versionDir, "Daemontools.PowerShell.dll")));
        Assert.True(File.Exists(Path.Combine(versionDir, "en-US", "Daemontools.PowerShell.dll-Help.xml")));
        Assert.Equal("daemontools", new FileInfo(Path.Combine(versionDir, "bin", "tai64n")).LinkTarget);
    }
}
