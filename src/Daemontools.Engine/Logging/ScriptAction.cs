namespace Daemontools.Engine.Logging;

/// <summary>One line-acting entry of a multilog script.</summary>
public sealed class ScriptAction
{
    /// <summary>Creates an action.</summary>
    public ScriptAction(ScriptActionKind kind, string argument, byte[] pattern, LogDirectorySettings? directory = null)
    {
        Kind = kind;
        Argument = argument;
        Pattern = pattern;
        Directory = directory;
    }

    /// <summary>What the action does.</summary>
    public ScriptActionKind Kind { get; }

    /// <summary>The text after the action letter (pattern, status file) or the directory as written.</summary>
    public string Argument { get; }

    /// <summary>The pattern bytes for Select and Deselect; empty otherwise.</summary>
    public byte[] Pattern { get; }

    /// <summary>The directory and the settings in force for it, for Directory.</summary>
    public LogDirectorySettings? Directory { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Argument}";
}
