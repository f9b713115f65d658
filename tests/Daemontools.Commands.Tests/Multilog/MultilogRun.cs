namespace Daemontools.Commands.Tests.Multilog;

/// <summary>Runs one multilog (ours or Debian's) in a directory with stdin read from a file, as `multilog ... &lt; input`.</summary>
internal static class MultilogRun
{
    public static ProgramResult WithFileInput(string program, string directory, byte[] input, params string[] script)
    {
        string inputPath = Path.Combine(directory, "input");
        File.WriteAllBytes(inputPath, input);
        // A regular file as stdin makes the original's 1024-byte reads deterministic.
        return ProgramRun.Run("/bin/sh", ["-c", "exec \"$0\" \"$@\" < input", program, .. script], workingDirectory: directory);
    }

    /// <summary>Lines of varied length (empty to far beyond 1000 bytes), reproducible.</summary>
    public static byte[] MixedLines(int count, int seed)
    {
        var random = new Random(seed);
        int[] lengths = [0, 1, 5, 50, 100, 300, 511, 512, 513, 998, 999, 1000, 1001, 1500, 3000, 70];
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < count; i++)
        {
            int n = lengths[random.Next(lengths.Length)];
            string line = $"{i} line {new string((char)('a' + (i % 26)), n)}";
            text.Append(line.AsSpan(0, Math.Min(line.Length, Math.Max(n, 1)))).Append('\n');
        }
        text.Append("unterminated tail");
        return System.Text.Encoding.ASCII.GetBytes(text.ToString());
    }
}
