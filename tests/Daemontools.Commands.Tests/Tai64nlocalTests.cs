using System.Text;

namespace Daemontools.Commands.Tests;

public sealed class Tai64nlocalTests
{
    /// <summary>Labels at instants that exercise the conversion: DST edges, epochs, odd nanoseconds.</summary>
    private static byte[] WellFormedInput()
    {
        var instants = new List<DateTimeOffset>
        {
            DateTimeOffset.UnixEpoch,
            new(1999, 8, 24, 4, 4, 5, TimeSpan.Zero),
            new(2000, 2, 29, 12, 0, 0, TimeSpan.Zero),
            new(2038, 1, 19, 3, 14, 7, TimeSpan.Zero),
            new(2038, 1, 19, 3, 14, 8, TimeSpan.Zero),
            new(2106, 2, 7, 6, 28, 16, TimeSpan.Zero),
            DateTimeOffset.UtcNow,
        };
        // New York's DST switches in 2024, a few seconds either side.
        foreach (DateTimeOffset edge in new DateTimeOffset[] { new(2024, 3, 10, 7, 0, 0, TimeSpan.Zero), new(2024, 11, 3, 6, 0, 0, TimeSpan.Zero) })
        {
            for (int s = -2; s <= 2; s++) instants.Add(edge.AddSeconds(s));
        }
        var text = new StringBuilder();
        uint nanos = 7;
        foreach (DateTimeOffset instant in instants)
        {
            ulong seconds = 4611686018427387914UL + (ulong)instant.ToUnixTimeSeconds();
            text.Append($"@{seconds:x16}{nanos % 1_000_000_000:x8} line at {instant:O}\n");
            nanos = nanos * 7919 + 500;
        }
        text.Append("no label here\n\n  @4000000037c219bf2ef02e94 indented\n");
        text.Append("@4000000037c219bf2ef02e94\tafter a tab\n");
        text.Append("@4000000037c219bf2ef02e94\n");
        text.Append("@4000000037c219bf2ef02e94 partial last line");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("UTC")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("right/US/Pacific")]
    public void Output_is_byte_identical_to_Debian_tai64nlocal(string? zone)
    {
        var environment = new Dictionary<string, string?> { ["TZ"] = zone };
        byte[] input = WellFormedInput();
        ProgramResult ours = ProgramRun.Run(Programs.Ours("tai64nlocal"), [], input, environment);
        ProgramResult theirs = ProgramRun.Run(Programs.Debian("tai64nlocal"), [], input, environment);

        Assert.Equal(0, theirs.ExitCode);
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(theirs.Out, ours.Out);
    }

    [Fact]
    public void Known_label_prints_the_documented_local_time()
    {
        var environment = new Dictionary<string, string?> { ["TZ"] = "America/Los_Angeles" };
        ProgramResult result = ProgramRun.Run(Programs.Ours("tai64nlocal"), [], "@4000000037c219bf2ef02e94 mark\n"u8.ToArray(), environment);
        Assert.Equal("1999-08-23 21:04:05.787492500 mark\n", result.Out);
    }

    [Theory]
    [InlineData("@zz\n")]
    [InlineData("@ x\n")]
    [InlineData("@4000000037C219BF2EF02E94 uppercase\n")]
    [InlineData("@4000000037c2 short\n")]
    public void Malformed_labels_pass_through_unchanged_where_the_original_crashes(string line)
    {
        byte[] input = Encoding.ASCII.GetBytes("before\n" + line + "after\n");
        ProgramResult result = ProgramRun.Run(Programs.Ours("tai64nlocal"), [], input);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("before\n" + line + "after\n", result.Out);
    }

    [Fact]
    public void Round_trip_with_our_tai64n_gives_local_time_of_now()
    {
        ProgramResult stamped = ProgramRun.Run(Programs.Ours("tai64n"), [], "hello\n"u8.ToArray());
        var environment = new Dictionary<string, string?> { ["TZ"] = "UTC" };
        ProgramResult local = ProgramRun.Run(Programs.Ours("tai64nlocal"), [], stamped.Stdout, environment);
        DateTime parsed = DateTime.ParseExact(local.Out[..19], "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((DateTime.UtcNow - parsed).TotalMinutes, -1, 1);
        Assert.EndsWith(" hello\n", local.Out);
    }
}
