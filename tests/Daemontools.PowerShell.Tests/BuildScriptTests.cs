using System.Management.Automation.Language;

namespace Daemontools.PowerShell.Tests;

/// <summary>build.ps1 runs in a bare hosted runspace, so its install path is tested for real into a staging root.</summary>
public sealed class BuildScriptTests : IClassFixture<ModuleImportTests.Session>
{
    private static readonly string Script = Path.Combine(ModuleSession.RepoRoot, "build.ps1");
    private readonly ModuleSession _session;

    public BuildScriptTests(ModuleImportTests.Session session) => _session = session.Module;

    /// <summary>Runs `build.ps1 -Install -NoBuild` with <paramref name="options"/>, $stage being <paramref name="stage"/>.</summary>
    private void Install(string options, string stage) =>
        _session.RunClean("& $script -Install -NoBuild " + options, new Dictionary<string, object?> { ["script"] = Script, ["stage"] = stage });

    [Fact]
    public void Inittab_boot_line_is_appended_once()
    {
        using var temp = new TempDirectory("dt-install-");
        string stage = temp.Path;
        for (int i = 0; i < 2; i++)
        {
            Install("-ModulePath /opt/modules -DestDir $stage -Boot inittab", stage);
        }
        string[] lines = File.ReadAllLines(Path.Combine(stage, "etc", "inittab"));
        Assert.Equal(["SV:123456:respawn:/usr/local/bin/svscanboot"], lines);
        Assert.Null(new FileInfo(Path.Combine(stage, "usr", "local", "bin", "svscanboot")).LinkTarget);
    }

    [Fact]
    public void WhatIf_installs_nothing_and_reports_nothing_as_installed()
    {
        using var temp = new TempDirectory("dt-install-");
        string stage = temp.Path;
        _session.Host.Clear();
        Install("-ModulePath /opt/modules -DestDir $stage -Boot systemd -WhatIf", stage);
        Assert.Contains("What if:", _session.Host.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Installed", _session.Host.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(stage));
    }

    [Fact]
    public void Messages_name_the_staged_paths_and_the_module_svscanboot_names_the_installed_bin()
    {
        using var temp = new TempDirectory("dt-install-");
        string stage = temp.Path;
        _session.Host.Clear();
        Install("-ModulePath /opt/modules -DestDir $stage -Boot systemd", stage);
        string version = Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(stage, "opt", "modules", "Daemontools"))));
        Assert.Contains($"Installed {stage}/etc/systemd/system/daemontools.service", _session.Host.Text, StringComparison.Ordinal);
        Assert.Contains($"Installed the module in {stage}/opt/modules/Daemontools/{version} and the programs in {stage}/usr/local/bin", _session.Host.Text, StringComparison.Ordinal);
        string svscanboot = File.ReadAllText(Path.Combine(stage, "opt", "modules", "Daemontools", version, "bin", "svscanboot"));
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
        using var temp = new TempDirectory("dt-install-");
        string stage = temp.Path;
        Install("-Prefix /usr -BinDir sbin -ModulePath /usr/local/share/powershell/Modules -DestDir $stage -Boot systemd", stage);

        string sbin = Path.Combine(stage, "usr", "sbin");
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
        Assert.True(Directory.Exists(Path.Combine(stage, "etc", "service")));
        string unit = File.ReadAllText(Path.Combine(stage, "etc", "systemd", "system", "daemontools.service"));
        Assert.Contains("ExecStart=/usr/sbin/svscan /etc/service", unit);

        string module = Path.Combine(stage, "usr", "local", "share", "powershell", "Modules", "Daemontools");
        string versionDir = Assert.Single(Directory.GetDirectories(module));
        Assert.True(File.Exists(Path.Combine(versionDir, "Daemontools.psd1")));
        Assert.True(File.Exists(Path.Combine(versionDir, "Daemontools.PowerShell.dll")));
        Assert.True(File.Exists(Path.Combine(versionDir, "en-US", "Daemontools.PowerShell.dll-Help.xml")));
        Assert.Equal("daemontools", new FileInfo(Path.Combine(versionDir, "bin", "tai64n")).LinkTarget);
    }
}
