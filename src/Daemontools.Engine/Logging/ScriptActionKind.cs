namespace Daemontools.Engine.Logging;

/// <summary>The actions that act on each line, in script order.</summary>
public enum ScriptActionKind
{
    /// <summary>'+pattern': select the line if it matches.</summary>
    Select,

    /// <summary>'-pattern': deselect the line if it matches.</summary>
    Deselect,

    /// <summary>'e': copy a selected line to stderr (200 bytes at most, then "...").</summary>
    Alert,

    /// <summary>'=file': keep the last selected line in a 1001-byte status file.</summary>
    Status,

    /// <summary>'./dir' or '/dir': append selected lines to a log directory.</summary>
    Directory,
}
