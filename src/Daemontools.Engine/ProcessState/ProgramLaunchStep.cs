namespace Daemontools.Engine.ProcessState;

/// <summary>The step of launching a program from a session that failed.</summary>
public enum ProgramLaunchStep
{
    /// <summary>The pipe for its stdout could not be made.</summary>
    CreatePipe,

    /// <summary>The account's ids could not be taken on (nothing ran).</summary>
    SwitchAccount,

    /// <summary>The program could not be started (the exec's errno included).</summary>
    Start,

    /// <summary>A limit could not be put on it (it was killed before it ran anything).</summary>
    SetLimits,
}
