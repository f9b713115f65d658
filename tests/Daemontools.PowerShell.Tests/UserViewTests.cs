using System.Management.Automation;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Daemontools.PowerShell.Tests;

/// <summary>
/// The objects as users see them, through the full SDK's Utility cmdlets: default views,
/// Format-Table/List, Out-String, Select-Object, Sort-Object and ConvertTo-Json, live and after a
/// round trip through CliXml as remoting does it.
/// </summary>
public sealed class UserViewTests : IClassFixture<ModuleImportTests.Session>, IDisposable
{
    private readonly ModuleSession _session;
    private readonly RunningService _services = new();
    private readonly string _log = Path.Combine(Path.GetTempPath(), "dt-view-" + Guid.NewGuid());

    public UserViewTests(ModuleImportTests.Session session) => _session = session.Module;

    public void Dispose()
    {
        _services.Dispose();
        if (Directory.Exists(_log)) Directory.Delete(_log, recursive: true);
    }

    private Dictionary<string, object?> Vars => new() { ["root"] = _services.Root, ["log"] = _log };

    [Fact]
    public void SvStat_default_table_matches_svstat_and_Format_List_shows_every_property()
    {
        string web = _services.Add("web");
        _services.Add("idle", down: true);
        int pid = _services.RunPid(web);

        string table = Normalize(_session.RunClean("Get-SvStat \"$root/*\" | Out-String", Vars).Single().ToString());
        Assert.Matches(@"Name\s+State\s+PID\s+Seconds\s+Normally\s+Want\s+Paused", table);
        Assert.Matches($@"\bweb\s+Up\s+{pid}\s+\d+\s+up\s+Up\b", table);
        Assert.Matches(@"\bidle\s+Down\s+\d+\s+down\s+Down\b", table);

        string list = Normalize(_session.RunClean("Get-SvStat \"$root/web\" | Format-List * | Out-String", Vars).Single().ToString());
        foreach (string property in new[] { "Name", "Path", "State", "ProcessId", "Since", "Duration", "NormallyUp", "Want", "Paused", "StatusBytes" })
        {
            Assert.Matches($@"(?m)^{property}\s+:", list);
        }
    }

    [Fact]
    public void Select_Object_Sort_Object_and_ConvertTo_Json_work_on_the_properties()
    {
        string first = _services.Add("first");
        string second = _services.Add("second");
        PSObject[] sorted = [.. _session.RunClean("Get-SvStat \"$root/*\" | Sort-Object Since -Descending | Select-Object Name, State, ProcessId, Since", Vars)];
        Assert.Equal(["second", "first"], sorted.Select(s => (string)s.Properties["Name"].Value));
        Assert.Equal(_services.RunPid(first), sorted[1].Properties["ProcessId"].Value);

        string json = (string)_session.RunClean("Get-SvStat \"$root/first\" | Select-Object Name, State, Since, Duration | ConvertTo-Json -EnumsAsStrings", Vars).Single().BaseObject;
        using JsonDocument document = JsonDocument.Parse(json);
        Assert.Equal("first", document.RootElement.GetProperty("Name").GetString());
        Assert.Equal("Up", document.RootElement.GetProperty("State").GetString());
        // An instant is an ISO 8601 UTC string in JSON.
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", document.RootElement.GetProperty("Since").GetString()!);
    }

    [Fact]
    public void MultilogEntry_table_shows_local_timestamps_after_a_remoting_round_trip()
    {
        _session.RunClean("'first line', 'second line' | Write-Multilog $log -Timestamp", Vars);
        string live = Normalize(_session.RunClean("Get-MultilogEntry $log | Format-Table | Out-String", Vars).Single().ToString());
        string remote = Normalize(_session.RunClean(
            "[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize(@(Get-MultilogEntry $log))) | Format-Table | Out-String",
            Vars).Single().ToString());
        foreach (string text in new[] { live, remote })
        {
            Assert.Matches(@"Timestamp\s+File\s+Message", text);
            Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\s+current\s+first line", text);
        }
        Assert.Equal(live, remote);
    }

    [Fact]
    public void Deserialized_SvStat_keeps_typed_instants_sorts_by_them_and_renders_the_same_view()
    {
        _services.Add("a");
        _services.Add("b");
        PSObject[] back = [.. _session.RunClean(
            "$xml = [System.Management.Automation.PSSerializer]::Serialize(@(Get-SvStat \"$root/*\" -IncludeLog), 2); [System.Management.Automation.PSSerializer]::Deserialize($xml) | Sort-Object Since",
            Vars)];
        Assert.Equal(2, back.Length);
        Assert.All(back, s => Assert.Equal("Deserialized.Daemontools.PowerShell.SvStat", s.TypeNames[0]));
        Assert.All(back, s => Assert.Equal(DateTimeKind.Utc, Assert.IsType<DateTime>(s.Properties["Since"].Value).Kind));
        Assert.True((DateTime)back[0].Properties["Since"].Value <= (DateTime)back[1].Properties["Since"].Value);

        string rendered = Normalize(_session.RunClean(
            "[System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize(@(Get-SvStat \"$root/a\"))) | Out-String",
            Vars).Single().ToString());
        Assert.Matches(@"Name\s+State\s+PID\s+Seconds\s+Normally\s+Want\s+Paused", rendered);
        Assert.Matches(@"\ba\s+Up\s+\d+\s+\d+\s+up\s+Up\b", rendered);
    }

    private static string Normalize(string text) => Regex.Replace(text, "\u001b\\[[0-9;?]*[A-Za-z]", string.Empty);
}
