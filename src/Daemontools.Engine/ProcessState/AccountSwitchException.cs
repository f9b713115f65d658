using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>The process could not take on an account's ids; nothing further may run.</summary>
public sealed class AccountSwitchException : IOException
{
    /// <summary>Creates the exception.</summary>
    public AccountSwitchException(AccountSwitchStep step, int errno)
        : base(new UnixException(errno, step == AccountSwitchStep.Group ? "setgid" : "setuid").Message)
    {
        Step = step;
        Errno = errno;
    }

    /// <summary>The step that failed.</summary>
    public AccountSwitchStep Step { get; }

    /// <summary>errno of the failed call.</summary>
    public int Errno { get; }
}
