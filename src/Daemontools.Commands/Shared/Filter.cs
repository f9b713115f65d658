using System.Buffers;
using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands.Shared;

/// <summary>A transformation from one chunk of input to output bytes.</summary>
internal delegate void ChunkTransform(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output);

/// <summary>
/// The stdin-to-stdout loop of tai64n and tai64nlocal: output is written out before every read,
/// so a pipe reader sees each line as soon as it is complete. I/O errors exit 111 silently.
/// </summary>
internal static class Filter
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Runs <paramref name="transform"/> over stdin until end of file; returns the exit code.</summary>
    public static int Run(ChunkTransform transform, Action<IBufferWriter<byte>>? complete = null)
    {
        byte[] input = new byte[ChunkSize];
        var output = new ArrayBufferWriter<byte>(ChunkSize * 2);
        while (true)
        {
            if (!StandardStream.Input.TryRead(input, out int n)) throw Failure.Silent(111);
            if (n == 0) break;
            transform(input.AsSpan(0, n), output);
            Flush(output);
        }
        complete?.Invoke(output);
        Flush(output);
        return 0;
    }

    private static void Flush(ArrayBufferWriter<byte> output)
    {
        if (output.WrittenCount == 0) return;
        if (!StandardStream.Output.TryWriteAll(output.WrittenSpan)) throw Failure.Silent(111);
        output.ResetWrittenCount();
    }
}
