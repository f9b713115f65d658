namespace Daemontools.Engine.Unix;

/// <summary>Calls whose failure is reported as such, with no step of the caller's own to name.</summary>
public enum SystemCall
{
    /// <summary>pipe2.</summary>
    CreatePipe,

    /// <summary>poll.</summary>
    Poll,

    /// <summary>waitpid on our own child.</summary>
    WaitForChild,
}
