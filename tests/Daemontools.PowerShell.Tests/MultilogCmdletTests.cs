using System.Management.Automation;

namespace Daemontools.PowerShell.Tests;

public sealed class MultilogCmdletTests : IClassFixture<MultilogCmdletTests.Session>, IDisposable
{
    public sealed class Session : IDisposable
    {
        public ModuleSession Module { get; } = new();

        public void Dispose() => Module.Dispose();
    }

    private readonly ModuleSession _session;
    private readonly TempDirectory _temp = new("dt-pwsh-multilog-");

    public MultilogCmdletTests(Session session) => _session = session.Module;

    public void Dispose() => _temp.Dispose();

    private Dictionary<string, object?> Vars(string log) => new() { ["log"] = _temp.Combine(log) };

    [Fact]
    public void Strings_are_logged_rotated_and_read_back_in_order_with_timestamps()
    {
        _session.RunClean("1..600 | ForEach-Object { \"entry $_ of the pwsh test\" } | Write-Multilog $log -Timestamp -MaxSize 4096 -MaxFiles 100", Vars("a"));
        Assert.True(Directory.GetFiles(_temp.Combine("a"), "@*.s").Length >= 3);
        Assert.Equal("744", Convert.ToString((int)File.GetUnixFileMode(_temp.Combine("a", "current")), 8));

        var entries = _session.RunClean("Get-MultilogEntry $log", Vars("a")).ToList();
        Assert.Equal(Enumerable.Range(1, 600).Select(i => $"entry {i} of the pwsh test"), entries.Select(e => (string)e.Properties["Message"].Value));
        Assert.All(entries, e => Assert.InRange((DateTime)e.Properties["Timestamp"].Value, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5)));
        Assert.Equal("current", Path.GetFileName((string)entries[^1].Properties["File"].Value));
        Assert.StartsWith("@", Path.GetFileName((string)entries[0].Properties["File"].Value));
        Assert.Equal("Daemontools.PowerShell.MultilogEntry", entries[0].TypeNames[0]);

        Assert.Equal(["entry 599 of the pwsh test", "entry 600 of the pwsh test"],
            _session.RunClean("Get-MultilogEntry $log -Tail 2", Vars("a")).Select(o => (string)o.Properties["Message"].Value));
    }

    [Fact]
    public void Include_and_exclude_use_multilog_patterns()
    {
        _session.RunClean("'error: disk', 'info: fine', 'error: ignore me', 'warn' | Write-Multilog $log -Include 'error:*', 'warn' -Exclude '*ignore*'", Vars("b"));
        Assert.Equal("error: disk\nwarn\n", File.ReadAllText(_temp.Combine("b", "current")));
    }

    [Fact]
    public void Multi_line_strings_and_objects_become_lines()
    {
        _session.RunClean("\"one`ntwo\", 42, [pscustomobject]@{ Name = 'x' } | Write-Multilog $log", Vars("c"));
        string[] lines = File.ReadAllText(_temp.Combine("c", "current")).Split('\n');
        Assert.Equal(["one", "two", "42"], lines[..3]);
        Assert.Contains(lines, l => l.Contains('x', StringComparison.Ordinal));
    }

    [Fact]
    public void A_raw_script_works_as_multilogs_arguments()
    {
        _session.RunClean("$ExecutionContext.SessionState.Path.SetLocation($dir) | Out-Null; 'keep', 'drop' | Write-Multilog -Script '-drop', 's4096', 'n2', './d', '=status'", new Dictionary<string, object?> { ["dir"] = _temp.Path });
        Assert.Equal("keep\n", File.ReadAllText(_temp.Combine("d", "current")));
        Assert.Equal(1001, new FileInfo(_temp.Combine("status")).Length);
    }

    [Fact]
    public void WhatIf_writes_nothing()
    {
        _session.RunClean("'x' | Write-Multilog $log -WhatIf", Vars("e"));
        Assert.False(Directory.Exists(_temp.Combine("e")));
    }

    [Fact]
    public void Stop_keeps_every_line_received_and_a_locked_directory_is_an_error()
    {
        string log = _temp.Combine("f");
        using var ps = System.Management.Automation.PowerShell.Create(_session.Runspace);
        ps.AddScript("& { $i = 0; while ($true) { $i++; \"line $i\" } } | Write-Multilog $args[0] -MaxSize 16777215").AddArgument(log);
        IAsyncResult running = ps.BeginInvoke();
        string current = Path.Combine(log, "current");
        Eventually.True(() => File.Exists(current) && new FileInfo(current).Length > 1000, "current to fill");

        using (var second = new ModuleSession())
        {
            (_, IReadOnlyList<ErrorRecord> errors) = second.Run("'x' | Write-Multilog $log", Vars("f"));
            ErrorRecord error = Assert.Single(errors);
            Assert.Equal("LogDirectoryLocked,Daemontools.PowerShell.WriteMultilog", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
        }

        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        Assert.Equal("744", Convert.ToString((int)File.GetUnixFileMode(current), 8));
        string[] lines = File.ReadAllText(current).Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.Equal(Enumerable.Range(1, lines.Length - 1).Select(i => $"line {i}"), lines[..^1]);
    }

    [Fact]
    public void Entries_render_as_a_table()
    {
        _session.RunClean("'hello' | Write-Multilog $log -Timestamp", Vars("g"));
        string text = _session.Render($"Get-MultilogEntry '{_temp.Combine("g")}'");
        Assert.Contains("Timestamp", text, StringComparison.Ordinal);
        Assert.Contains("hello", text, StringComparison.Ordinal);
    }
}
