using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Daemontools.Commands.Tests;

public sealed partial class Tai64nTests
{
    [GeneratedRegex("^@[0-9a-f]{24} ")]
    private static partial Regex LeadingLabel();

    private static string Mask(byte[] output) =>
        string.Join('\n', Encoding.Latin1.GetString(output).Split('\n').Select(l => LeadingLabel().Replace(l, "@LABEL ")));

    [Fact]
    public void Every_line_is_stamped_with_a_label_of_the_current_time()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        ProgramResult result = ProgramRun.Run(Programs.Ours("tai64n"), [], Encoding.ASCII.GetBytes("one\ntwo\n\nfour\n"));
        long after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        string[] lines = result.Out.Split('\n');
        Assert.Equal(["one", "two", "", "four", ""], lines.Select(l => l.Length > 26 ? l[26..] : l.Length == 26 ? "" : l));
        foreach (string line in lines[..^1])
        {
            Assert.Matches(LeadingLabel(), line);
            long unix = (long)(Convert.ToUInt64(line[1..17], 16) - 4611686018427387914UL);
            Assert.InRange(unix, before, after);
            Assert.EndsWith("500", Convert.ToUInt32(line[17..25], 16).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Output_has_the_same_shape_as_Debian_tai64n_for_awkward_input()
    {
        var input = new List<byte>();
        input.AddRange(Encoding.ASCII.GetBytes("\n\nshort\n"));
        input.AddRange(Enumerable.Repeat((byte)'x', 5000));
        input.Add((byte)'\n');
        input.AddRange(new byte[] { 0, 1, 2, 0xff, 0xfe, (byte)'\r', (byte)'\n' });
        input.AddRange(Encoding.ASCII.GetBytes("partial last line"));
        byte[] bytes = input.ToArray();

        ProgramResult ours = ProgramRun.Run(Programs.Ours("tai64n"), [], bytes);
        ProgramResult theirs = ProgramRun.Run(Programs.Debian("tai64n"), [], bytes);

        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal(theirs.Stdout.Length, ours.Stdout.Length);
        Assert.Equal(Mask(theirs.Stdout), Mask(ours.Stdout));
        Assert.EndsWith("partial last line", Mask(ours.Stdout));
    }

    [Fact]
    public void Empty_input_gives_empty_output_and_exit_0()
    {
        ProgramResult result = ProgramRun.Run(Programs.Ours("tai64n"), ["ignored", "arguments"], []);
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_pipe_reader_sees_each_line_as_soon_as_it_is_written()
    {
        var info = new ProcessStartInfo(Programs.Ours("tai64n"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(info)!;
        try
        {
            process.StandardInput.Write("first\n");
            process.StandardInput.Flush();
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Matches("^@[0-9a-f]{24} first$", line);
            process.StandardInput.Close();
            Assert.True(process.WaitForExit(30_000));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    [Fact]
    public void Runs_as_a_subcommand_of_the_multi_call_binary()
    {
        ProgramResult result = ProgramRun.Run(Programs.Ours("daemontools"), ["tai64n"], "x\n"u8.ToArray());
        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^@[0-9a-f]{24} x\n$", result.Out);
    }

    [Fact]
    public void The_multi_call_binary_rejects_an_unknown_program_with_usage_and_100()
    {
        ProgramResult result = ProgramRun.Run(Programs.Ours("daemontools"), ["nonesuch"], []);
        Assert.Equal(100, result.ExitCode);
        Assert.StartsWith("daemontools: usage: daemontools program", result.Err);
        Assert.Contains("tai64nlocal", result.Err);
    }
}
