using System.Buffers;
using System.Text;
using Daemontools.Engine.Time;

namespace Daemontools.PowerShell;

/// <summary>Runs the engine's byte-stream transforms over one line of text.</summary>
internal static class Tai64NText
{
    /// <summary>The line as tai64nlocal prints it.</summary>
    public static string ToLocal(string line)
    {
        var converter = new Tai64NLocalConverter();
        var output = new ArrayBufferWriter<byte>(line.Length + 32);
        converter.Convert(Encoding.UTF8.GetBytes(line), output);
        converter.Complete(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
