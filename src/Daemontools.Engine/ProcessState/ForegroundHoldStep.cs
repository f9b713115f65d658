namespace Daemontools.Engine.ProcessState;

/// <summary>The step of fghack's hold that failed.</summary>
public enum ForegroundHoldStep
{
    /// <summary>The pipe whose copies the program inherits could not be made.</summary>
    CreatePipe,

    /// <summary>No candidate for the program could be run.</summary>
    Run,

    /// <summary>Waiting for the program failed.</summary>
    Wait,
}
