using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>A <see cref="ProgramLaunch"/> could not start its program.</summary>
public sealed class ProgramLaunchException : SystemFailureException<ProgramLaunchStep>
{
    /// <summary>Creates the failure of <paramref name="step"/> for <paramref name="program"/>.</summary>
    public ProgramLaunchException(ProgramLaunchStep step, string program, Errno errno)
        : base(step, program, errno)
    {
    }
}
