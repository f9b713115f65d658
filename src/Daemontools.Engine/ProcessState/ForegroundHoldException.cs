using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>fghack could not start or watch its program.</summary>
public sealed class ForegroundHoldException : SystemFailureException<ForegroundHoldStep>
{
    /// <summary>Creates the failure of <paramref name="step"/> for <paramref name="program"/>.</summary>
    public ForegroundHoldException(ForegroundHoldStep step, string program, Errno errno)
        : base(step, program, errno)
    {
    }
}
