namespace Daemontools.Engine.ProcessState;

/// <summary>The check on a program file that failed.</summary>
public enum ProgramFileStep
{
    /// <summary>The file could not be examined (stat).</summary>
    Examine,

    /// <summary>The current effective ids may not execute it.</summary>
    Execute,
}
