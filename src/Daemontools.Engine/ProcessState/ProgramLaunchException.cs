using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>A <see cref="ProgramLaunch"/> could not start its program.</summary>
public sealed class ProgramLaunchException(ProgramLaunchStep step, string program, Errno errno)
    : SystemFailureException<ProgramLaunchStep>(step, program, errno);
