using System.Collections;
using System.Text;

namespace Daemontools.PowerShell;

/// <summary>
/// Turns pipeline input into log lines: a string as its own lines, any other object as the lines
/// a console would show (Out-String -Stream, when the session has it; else its string form).
/// </summary>
internal sealed class ObjectLines : IDisposable
{
    private readonly SteppablePipeline? _formatter;

    private ObjectLines(SteppablePipeline? formatter) => _formatter = formatter;

    /// <summary>A renderer for the session <paramref name="invokeCommand"/> belongs to.</summary>
    public static ObjectLines Create(CommandInvocationIntrinsics invokeCommand)
    {
        if (invokeCommand.GetCommand("Out-String", CommandTypes.Cmdlet) is null) return new ObjectLines(null);
        SteppablePipeline pipeline = ScriptBlock.Create("Out-String -Stream -Width 4096").GetSteppablePipeline();
        pipeline.Begin(true);
        return new ObjectLines(pipeline);
    }

    /// <summary>Appends the lines of <paramref name="input"/> (nothing for null), each ending in a newline.</summary>
    public void Render(object? input, StringBuilder text)
    {
        object? value = input is PSObject ps ? ps.BaseObject : input;
        if (value is null) return;
        if (value is string s) AppendLines(text, s);
        else if (_formatter is not null) AppendRendered(text, _formatter.Process(input));
        else AppendLines(text, LanguagePrimitives.ConvertTo<string>(input));
    }

    /// <summary>Appends what the formatter still holds at the end of the pipeline (e.g. a table's last rows).</summary>
    public void Complete(StringBuilder text)
    {
        if (_formatter is not null) AppendRendered(text, _formatter.End());
    }

    public void Dispose() => _formatter?.Dispose();

    private static void AppendRendered(StringBuilder text, IEnumerable lines)
    {
        foreach (object line in lines)
        {
            string rendered = line?.ToString() ?? string.Empty;
            if (!string.IsNullOrWhiteSpace(rendered)) AppendLines(text, rendered);
        }
    }

    private static void AppendLines(StringBuilder text, string value)
    {
        text.Append(value.Replace("\r\n", "\n", StringComparison.Ordinal));
        text.Append('\n');
    }
}
