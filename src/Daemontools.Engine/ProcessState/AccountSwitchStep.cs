namespace Daemontools.Engine.ProcessState;

/// <summary>The step of becoming an account that failed.</summary>
public enum AccountSwitchStep
{
    /// <summary>setgroups or setgid (the original reports both as "unable to setgid").</summary>
    SetGroup,

    /// <summary>setuid.</summary>
    SetUser,
}
