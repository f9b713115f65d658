using System.Text;

namespace Daemontools.Engine.Logging;

/// <summary>
/// A multilog script, read left to right as 0.76 reads it: 't' counts only as the first
/// argument; 's', 'n' and '!' set what applies to the directories named after them; '+', '-',
/// 'e', '=' and directories act on each line in order; anything else is silently ignored.
/// Our additions use letters 0.76 ignores: 'T' (ISO 8601 stamps, first argument only),
/// 'R' (rotate by age, seconds) and 'S' (cap on the total size of old files, bytes).
/// </summary>
public sealed class MultilogScript
{
    /// <summary>The smallest size 0.76 accepts ('s' is clamped up to it).</summary>
    public const long MinimumSize = 4096;

    /// <summary>The largest size 0.76 accepts ('s' is clamped down to it).</summary>
    public const long MaximumSize = 16777215;

    private MultilogScript(TimestampStyle timestamp, IReadOnlyList<ScriptAction> actions)
    {
        Timestamp = timestamp;
        Actions = actions;
        Directories = Array.ConvertAll(actions.Where(a => a.Kind == ScriptActionKind.Directory).ToArray(), a => a.Directory!);
        StatusFiles = Array.ConvertAll(actions.Where(a => a.Kind == ScriptActionKind.Status).ToArray(), a => a.Argument);
    }

    /// <summary>The stamp put in front of each line.</summary>
    public TimestampStyle Timestamp { get; }

    /// <summary>The line-acting actions in script order.</summary>
    public IReadOnlyList<ScriptAction> Actions { get; }

    /// <summary>The log directories in script order.</summary>
    public IReadOnlyList<LogDirectorySettings> Directories { get; }

    /// <summary>The '=' status files in script order.</summary>
    public IReadOnlyList<string> StatusFiles { get; }

    /// <summary>Parses an argument list (argv without the program name).</summary>
    public static MultilogScript Parse(IReadOnlyList<string> arguments)
    {
        TimestampStyle timestamp = TimestampStyle.None;
        if (arguments.Count > 0 && arguments[0].Length > 0)
        {
            timestamp = arguments[0][0] switch
            {
                't' => TimestampStyle.Tai64N,
                'T' => TimestampStyle.Iso8601,
                _ => TimestampStyle.None,
            };
        }

        var actions = new List<ScriptAction>();
        long size = LogDirectorySettings.DefaultSize;
        ulong count = LogDirectorySettings.DefaultCount;
        string? processor = null;
        TimeSpan? maxAge = null;
        long? totalSize = null;
        foreach (string argument in arguments)
        {
            if (argument.Length == 0) continue;
            string rest = argument[1..];
            switch (argument[0])
            {
                case 's':
                    size = (long)Math.Clamp(ScanUnsigned(rest), MinimumSize, MaximumSize);
                    break;
                case 'n':
                    count = Math.Max(ScanUnsigned(rest), 2);
                    break;
                case '!':
                    processor = rest;
                    break;
                case 'R':
                    ulong seconds = ScanUnsigned(rest);
                    maxAge = seconds == 0 ? null : TimeSpan.FromSeconds(Math.Min(seconds, (ulong)int.MaxValue));
                    break;
                case 'S':
                    ulong cap = ScanUnsigned(rest);
                    totalSize = cap == 0 ? null : (long)Math.Min(cap, long.MaxValue);
                    break;
                case '+':
                    actions.Add(new ScriptAction(ScriptActionKind.Select, rest, Encoding.UTF8.GetBytes(rest)));
                    break;
                case '-':
                    actions.Add(new ScriptAction(ScriptActionKind.Deselect, rest, Encoding.UTF8.GetBytes(rest)));
                    break;
                case 'e':
                    actions.Add(new ScriptAction(ScriptActionKind.Alert, rest, []));
                    break;
                case '=':
                    actions.Add(new ScriptAction(ScriptActionKind.Status, rest, []));
                    break;
                case '.':
                case '/':
                    var directory = new LogDirectorySettings
                    {
                        Path = argument,
                        Size = size,
                        Count = (int)Math.Min(count, int.MaxValue),
                        Processor = processor,
                        MaxAge = maxAge,
                        TotalSize = totalSize,
                    };
                    actions.Add(new ScriptAction(ScriptActionKind.Directory, argument, [], directory));
                    break;
                default:
                    break; // 0.76 ignores every other argument, typos included
            }
        }
        return new MultilogScript(timestamp, actions);
    }

    /// <summary>scan_ulong: the leading decimal digits (none = 0), trailing garbage ignored, wrapping as C's unsigned long.</summary>
    public static ulong ScanUnsigned(string text)
    {
        ulong value = 0;
        foreach (char c in text)
        {
            if (c < '0' || c > '9') break;
            value = unchecked((value * 10) + (ulong)(c - '0'));
        }
        return value;
    }
}
