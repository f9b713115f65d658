using System.Text;
using Daemontools.Engine.Logging;
using Xunit.Abstractions;

namespace Daemontools.Engine.Tests.Logging;

/// <summary>
/// Exactly once under kill -9, step by step: the logger is stopped after its n-th step for every
/// n of a whole run (through the engine's fault seam, which throws where a kill would land), then
/// started again on the same pipe, and each directory must hold every line once, in order, with
/// no empty archive. Steps include the journal's capture and records, each half of every write
/// to current, and each step of every rotation.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class JournalKillPointTests(ITestOutputHelper output) : IDisposable
{
    private const string Long = "long";

    // tmpfs when there is one: fsync is free there, and these tests make thousands of runs.
    private readonly string _root = Directory.Exists("/dev/shm") ? Directory.CreateDirectory($"/dev/shm/dt-journal-{Guid.NewGuid():N}").FullName : Directory.CreateTempSubdirectory("dt-journal-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        InputJournal.RemoveOrphans(); // the journals the killed runs left, now that their directories are gone
    }

    public static TheoryData<string> Scripts => new()
    {
        "t s4096 n1000 ./a",
        "t s4096 n1000 ./a -* +@*_n_*7* s4096 n1000 ./b",
        "s4096 n1000 ./a e -*long* =status ./b",
    };

    /// <summary>Numbered lines, every 40th a long one (past the 1000-byte window), the last one unterminated.</summary>
    private static (byte[] Input, List<string> Lines) Input(int count)
    {
        var lines = new List<string>();
        for (int i = 1; i <= count; i++)
        {
            lines.Add(i % 40 == 0 ? $"n {i} {Long} {new string((char)('a' + (i % 26)), 900 + (i * 37 % 1500))}" : $"n {i} payload");
        }
        string text = string.Join('\n', lines); // no newline after the last: end of input completes it
        return (Encoding.ASCII.GetBytes(text), lines);
    }

    private static List<string> Expected(string script, string directory, List<string> lines)
    {
        if (directory == "a") return lines;
        return script.Contains("*7*", StringComparison.Ordinal)
            ? lines.Where(l => l.Contains('7', StringComparison.Ordinal)).ToList()
            : lines.Where(l => !l.Contains(Long, StringComparison.Ordinal)).ToList();
    }

    private void Check(string root, string script, List<string> lines, string when)
    {
        bool stamped = script.StartsWith('t');
        foreach (string directory in script.Contains("./b", StringComparison.Ordinal) ? new[] { "a", "b" } : ["a"])
        {
            string path = Path.Combine(root, directory);
            List<string> got = KillableLogger.Lines(path, stamped);
            List<string> want = Expected(script, directory, lines);
            if (!got.SequenceEqual(want))
            {
                int at = 0;
                while (at < got.Count && at < want.Count && got[at] == want[at]) at++;
                Assert.Fail($"{when}, {directory}: {got.Count} lines for {want.Count}; first difference at line {at}: " +
                    $"got '{(at < got.Count ? Shorten(got[at]) : "(end)")}', want '{(at < want.Count ? Shorten(want[at]) : "(end)")}'");
            }
            Assert.DoesNotContain(Directory.GetFiles(path).Select(Path.GetFileName), f => f is "previous" or "processed" or "newstate");
        }
    }

    /// <summary>The script's arguments; '_' stands for a space inside one.</summary>
    private static string[] Arguments(string script) => script.Split(' ').Select(a => a.Replace('_', ' ')).ToArray();

    private static string Shorten(string line) => line.Length > 40 ? line[..40] + "..." : line;

    /// <summary>A logger of <paramref name="script"/> over <paramref name="input"/> in a fresh directory <paramref name="name"/>.</summary>
    private KillableLogger Logger(string name, string script, byte[] input) =>
        new(Directory.CreateDirectory(Path.Combine(_root, name)).FullName, Arguments(script), input);

    private int StepsOfWholeRun(string script, byte[] input)
    {
        using KillableLogger logger = Logger("whole", script, input);
        Assert.True(logger.Run(0, out int steps));
        return steps;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void A_kill_after_any_step_neither_loses_nor_repeats_a_line(string script)
    {
        (byte[] input, List<string> lines) = Input(400);
        int steps = StepsOfWholeRun(script, input);
        output.WriteLine($"{script}: {steps} steps");
        Assert.True(steps > 200, $"only {steps} steps");
        for (int k = 1; k <= steps; k++)
        {
            using KillableLogger logger = Logger($"k{k}", script, input);
            Assert.False(logger.Run(k), $"run killed at step {k}");
            Assert.True(logger.Run(0), $"restart after step {k}");
            Check(logger.Root, script, lines, $"killed after step {k}");
        }
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void A_kill_while_recovering_from_a_kill_neither_loses_nor_repeats_a_line(string script)
    {
        (byte[] input, List<string> lines) = Input(600);
        int steps = StepsOfWholeRun(script, input);
        for (int k = 3; k <= steps; k += 17)
        {
            for (int again = 1; again <= 12; again++)
            {
                using KillableLogger logger = Logger($"k{k}-{again}", script, input);
                Assert.False(logger.Run(k));
                if (logger.Run(again)) break; // the recovery took fewer steps than that
                Assert.True(logger.Run(0));
                Check(logger.Root, script, lines, $"killed after step {k}, then after step {again} of the restart");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void A_logger_killed_again_and_again_neither_loses_nor_repeats_a_line(string script)
    {
        (byte[] input, List<string> lines) = Input(3000);
        var random = new Random(14);
        using KillableLogger logger = Logger("again", script, input);
        int kills = 0;
        while (!logger.Run(random.Next(1, 60))) kills++;
        Assert.True(kills > 50, $"only {kills} kills");
        Check(logger.Root, script, lines, $"killed {kills} times");
    }

    /// <summary>
    /// A logger that keeps no journal (Write-Multilog) opening the directories after a kill finishes
    /// the interrupted step from the journal and removes it; a journaling logger started later logs
    /// the rest of the pipe. Every byte is there once; the line the first one had begun is ended
    /// where it stood (the second cannot continue it), so it may show as two.
    /// </summary>
    [Theory]
    [MemberData(nameof(Scripts))]
    public void A_logger_without_a_journal_finishes_what_a_killed_one_left(string script)
    {
        (byte[] input, List<string> lines) = Input(400);
        int steps = StepsOfWholeRun(script, input);
        for (int k = 2; k <= steps; k += 23)
        {
            using KillableLogger logger = Logger($"w{k}", script, input);
            Assert.False(logger.Run(k));
            logger.OpenWithoutJournal();
            Assert.False(File.Exists(Path.Combine(logger.Root, "a", "journal")));
            Assert.True(logger.Run(0));
            // Directory a takes every line (b's selection would see the two halves of a split line apart).
            List<string> got = KillableLogger.Lines(Path.Combine(logger.Root, "a"), script.StartsWith('t'));
            Assert.InRange(got.Count, lines.Count, lines.Count + 1);
            Assert.Equal(string.Concat(lines), string.Concat(got));
        }
    }
}
