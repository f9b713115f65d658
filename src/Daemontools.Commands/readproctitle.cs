using System.Text;
using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands;

/// <summary>
/// readproctitle L... D: D (at least five bytes) becomes dots, then every nonzero byte read
/// from stdin is shifted in at its right end, the first three dots staying put, so ps shows
/// the latest output of svscan and its supervisors.
/// </summary>
internal static class ReadproctitleCommand
{
    private const int FixedDots = 3;

    public static int Run(string[] args)
    {
        if (args.Length < 1) throw Failure.Silent(100);
        string last = args[^1];
        if (Encoding.UTF8.GetByteCount(last) < 5) throw Failure.Silent(100);
        // It reads until end of file and needs no signal; a stray one (HUP, PIPE, USR1...) must not end it.
        CurrentProcess.IgnoreStraySignals();

        ProcessTitle? title = ProcessTitle.FindLastArgument(last);
        Span<byte> window = title is null ? new byte[Encoding.UTF8.GetByteCount(last)] : title.Bytes;
        window.Fill((byte)'.');
        window = window[FixedDots..];

        byte[] input = new byte[1024];
        while (true)
        {
            if (!StandardStream.Input.TryRead(input, out int n)) throw Failure.Silent(111);
            if (n == 0) return 0;
            foreach (byte b in input.AsSpan(0, n))
            {
                if (b == 0) continue;
                window[1..].CopyTo(window);
                window[^1] = b;
            }
        }
    }
}
