using System.Globalization;
using System.Text;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// The memory holding this process's last command-line argument, as the kernel shows it in
/// /proc/PID/cmdline and ps: rewriting it in place changes what ps prints. Found through the
/// arg_start and arg_end fields of /proc/self/stat (the argv strings lie back to back there).
/// </summary>
public sealed unsafe class ProcessTitle
{
    private readonly byte* _start;

    private ProcessTitle(byte* start, int length)
    {
        _start = start;
        Length = length;
    }

    /// <summary>Bytes in the argument (its terminating NUL excluded, and never touched).</summary>
    public int Length { get; }

    /// <summary>The argument's bytes, writable in place.</summary>
    public Span<byte> Bytes => new(_start, Length);

    /// <summary>
    /// Locates the last argument, which must read <paramref name="expected"/>; null when
    /// /proc is unavailable or the memory does not hold what we expect (then nothing is written).
    /// </summary>
    public static ProcessTitle? FindLastArgument(string expected)
    {
        string stat;
        try
        {
            stat = File.ReadAllText("/proc/self/stat");
        }
        catch (IOException)
        {
            return null;
        }
        // Fields after the command name, which may itself contain spaces and parentheses.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const int argEndField = 49 - 3;
        if (fields.Length <= argEndField) return null;
        if (!ulong.TryParse(fields[argEndField - 1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong argStart)) return null;
        if (!ulong.TryParse(fields[argEndField], NumberStyles.None, CultureInfo.InvariantCulture, out ulong argEnd)) return null;

        byte[] value = Encoding.UTF8.GetBytes(expected);
        ulong first = argEnd - 1 - (ulong)value.Length;
        if (argEnd <= argStart || first < argStart || argEnd - argStart > int.MaxValue) return null;
        byte* start = (byte*)first;
        if (start[value.Length] != 0 || (first > argStart && start[-1] != 0)) return null;
        if (!new ReadOnlySpan<byte>(start, value.Length).SequenceEqual(value)) return null;
        return new ProcessTitle(start, value.Length);
    }
}
