using System.Management.Automation;

namespace Daemontools.PowerShell.Tests;

public sealed class Tai64NCmdletTests : IClassFixture<ModuleImportTests.Session>
{
    private const string Label = "@4000000037c219bf2ef02e94";
    private static readonly DateTimeOffset LabelInstant = new DateTimeOffset(1999, 8, 24, 4, 4, 5, TimeSpan.Zero).AddTicks(7874925);

    private readonly ModuleSession _session;

    public Tai64NCmdletTests(ModuleImportTests.Session session) => _session = session.Module;

    [Fact]
    public void ConvertFrom_splits_a_stamped_line_into_typed_properties()
    {
        PSObject entry = _session.RunClean($"'{Label} mark' | ConvertFrom-Tai64N").Single();
        Assert.Equal("Daemontools.PowerShell.Tai64NEntry", entry.TypeNames[0]);
        Assert.Equal(LabelInstant.UtcDateTime, (DateTime)entry.Properties["Timestamp"].Value);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)entry.Properties["Timestamp"].Value).Kind);
        Assert.Equal(Label, entry.Properties["Label"].Value);
        Assert.Equal("mark", entry.Properties["Message"].Value);
        Assert.Equal($"{Label} mark", entry.Properties["Line"].Value);
        Assert.Equal(LabelInstant.UtcDateTime, (DateTime)entry.Properties["Time"].Value);
    }

    [Fact]
    public void Unstamped_lines_come_through_with_a_null_timestamp_unless_skipped()
    {
        var all = _session.RunClean($"'plain', '{Label} x', '@4000000037C219BF2EF02E94 upper' | ConvertFrom-Tai64N");
        Assert.Equal(3, all.Count);
        Assert.Null(all[0].Properties["Timestamp"].Value);
        Assert.Equal("plain", all[0].Properties["Message"].Value);
        Assert.Null(all[2].Properties["Timestamp"].Value);

        var stamped = _session.RunClean($"'plain', '{Label} x' | ConvertFrom-Tai64N -SkipUnstamped");
        Assert.Equal("x", stamped.Single().Properties["Message"].Value);
    }

    [Fact]
    public void Objects_filter_by_time_and_message_in_a_pipeline()
    {
        string script = $$"""
            "{{Label}} boot", "@400000006592008a000001f4 error: disk", "@400000006592008b000001f4 ok" |
                ConvertFrom-Tai64N |
                Where-Object { $_.Timestamp -gt [datetime]::new(2000, 1, 1, 0, 0, 0, [DateTimeKind]::Utc) -and $_.Message -like 'error*' } |
                ForEach-Object { $_.Timestamp.Year }
            """;
        Assert.Equal(2024, (int)_session.RunClean(script).Single().BaseObject);
    }

    [Fact]
    public void A_multi_line_string_is_split_into_lines()
    {
        var entries = _session.RunClean($"\"{Label} a`n{Label} b`n\" | ConvertFrom-Tai64N");
        Assert.Equal(["a", "b"], entries.Select(e => (string)e.Properties["Message"].Value));
    }

    [Fact]
    public void AsString_gives_tai64nlocal_text_and_ToString_matches_it()
    {
        string text = (string)_session.RunClean($"'{Label} mark', 'plain' | ConvertFrom-Tai64N -AsString").First().BaseObject;
        Assert.Matches(@"^1999-08-2\d \d\d:\d\d:05\.787492500 mark$", text);
        string viaObject = _session.RunClean($"('{Label} mark' | ConvertFrom-Tai64N).ToString()").Single().ToString();
        Assert.Equal(text, viaObject);
    }

    [Fact]
    public void Table_view_shows_local_time_and_message()
    {
        string rendered = _session.Render($"'{Label} first message', 'no label' | ConvertFrom-Tai64N");
        string[] lines = rendered.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
        Assert.Matches(@"^LocalTime\s+Message$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^1999-08-2\d \d\d:\d\d:05\.787492500 first message$"));
        Assert.Contains(lines, l => l.Trim() == "no label");
    }

    [Fact]
    public void Entries_survive_serialization_as_remoting_does_and_keep_their_view()
    {
        PSObject entry = _session.RunClean($"'{Label} remote' | ConvertFrom-Tai64N").Single();
        string xml = PSSerializer.Serialize(entry);
        // Without the module (a bare deserializer) the property bag still holds a typed UTC instant.
        var bag = (PSObject)PSSerializer.Deserialize(xml);
        Assert.Contains("Deserialized.Daemontools.PowerShell.Tai64NEntry", bag.TypeNames);
        Assert.Equal(LabelInstant.UtcDateTime, (DateTime)bag.Properties["Timestamp"].Value);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)bag.Properties["Timestamp"].Value).Kind);

        // In a session with the module loaded (the receiving end of remoting) the entry comes back alive.
        PSObject back = _session.RunClean("[System.Management.Automation.PSSerializer]::Deserialize($xml)", new Dictionary<string, object?> { ["xml"] = xml }).Single();
        Assert.Equal("Daemontools.PowerShell.Tai64NEntry", back.BaseObject.GetType().FullName);
        Assert.Equal(LabelInstant.UtcDateTime, (DateTime)back.Properties["Timestamp"].Value);
        Assert.Equal("remote", back.Properties["Message"].Value);

        string rendered = _session.Render("[System.Management.Automation.PSSerializer]::Deserialize($xml)", new Dictionary<string, object?> { ["xml"] = xml });
        Assert.Matches(@"LocalTime\s+Message", rendered);
        Assert.Contains("remote", rendered);
    }

    [Fact]
    public void The_view_also_selects_the_deserialized_type_name()
    {
        var bag = new PSObject();
        bag.TypeNames.Insert(0, "Deserialized.Daemontools.PowerShell.Tai64NEntry");
        bag.Properties.Add(new PSNoteProperty("LocalTime", "1999-08-23 21:04:05.787492500"));
        bag.Properties.Add(new PSNoteProperty("Message", "from afar"));
        string rendered = _session.Render("$bag", new Dictionary<string, object?> { ["bag"] = bag });
        Assert.Matches(@"LocalTime\s+Message", rendered);
        Assert.Contains("1999-08-23 21:04:05.787492500 from afar", rendered);
    }

    [Fact]
    public void ConvertTo_stamps_lines_and_converts_instants()
    {
        string stamped = (string)_session.RunClean("'hello' | ConvertTo-Tai64N").Single().BaseObject;
        Assert.Matches("^@4[0-9a-f]{23} hello$", stamped);

        string label = (string)_session.RunClean("ConvertTo-Tai64N -Date ([DateTimeOffset]'2024-01-01T00:00:00Z')").Single().BaseObject;
        Assert.Equal("@400000006592008a00000000", label);

        string fromPipeline = (string)_session.RunClean("[DateTimeOffset]'2024-01-01T00:00:00Z' | ConvertTo-Tai64N").Single().BaseObject;
        Assert.Equal(label, fromPipeline);
    }

    [Fact]
    public void Stamped_lines_convert_back_to_the_instant_they_were_stamped()
    {
        var output = _session.RunClean("$before = [datetime]::UtcNow; $e = 'x' | ConvertTo-Tai64N | ConvertFrom-Tai64N; ($e.Timestamp - $before).TotalSeconds");
        Assert.InRange((double)output.Single().BaseObject, -1.0, 5.0);
    }
}
