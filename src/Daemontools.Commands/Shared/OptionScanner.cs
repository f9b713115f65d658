namespace Daemontools.Commands.Shared;

/// <summary>
/// DJB's sgetopt, as softlimit and setlock parse their options: clustered flags ("-nx"), an
/// argument attached or in the next word ("-m5", "-m 5"), "--" ends the options and so does a
/// lone "-" or the first word not starting with '-'. A problem is worded like the original
/// ("prog: illegal option -- z", "prog: option requires an argument -- m").
/// </summary>
internal sealed class OptionScanner
{
    private readonly string _program;
    private readonly string[] _args;
    private readonly string _options;
    private int _position;

    /// <summary>Scans <paramref name="args"/> for <paramref name="options"/> (getopt syntax: "a:c:n").</summary>
    public OptionScanner(string program, string[] args, string options)
    {
        _program = program;
        _args = args;
        _options = options;
    }

    /// <summary>Index of the first operand once <see cref="Next"/> has returned false.</summary>
    public int Index { get; private set; }

    /// <summary>The argument of the option just returned.</summary>
    public string Argument { get; private set; } = string.Empty;

    /// <summary>The text sgetopt printed for the last problem ('?' returned), with its newline.</summary>
    public string Problem { get; private set; } = string.Empty;

    /// <summary>The next option letter, '?' for a problem, or false at the end of the options.</summary>
    public bool Next(out char option)
    {
        option = '\0';
        Argument = string.Empty;
        if (Index >= _args.Length) return false;
        if (_position > 0 && _position >= _args[Index].Length)
        {
            Index++;
            _position = 0;
            if (Index >= _args.Length) return false;
        }
        string word = _args[Index];
        if (_position == 0)
        {
            if (word.Length == 0 || word[0] != '-') return false;
            if (word.Length == 1 || word[1] == '-')
            {
                if (word.Length > 1) Index++;
                return false;
            }
            _position = 1;
        }
        char c = word[_position++];
        int at = _options.IndexOf(c, StringComparison.Ordinal);
        if (c == ':' || at < 0)
        {
            option = '?';
            Problem = $"{_program}: illegal option -- {c}\n";
            return true;
        }
        option = c;
        if (at + 1 < _options.Length && _options[at + 1] == ':')
        {
            Argument = word[_position..];
            Index++;
            _position = 0;
            if (Argument.Length == 0)
            {
                if (Index >= _args.Length)
                {
                    option = '?';
                    Problem = $"{_program}: option requires an argument -- {c}\n";
                    return true;
                }
                Argument = _args[Index++];
            }
        }
        return true;
    }
}
