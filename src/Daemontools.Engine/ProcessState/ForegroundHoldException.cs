using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>fghack could not start or watch its program.</summary>
public sealed class ForegroundHoldException(ForegroundHoldStep step, string program, Errno errno)
    : SystemFailureException<ForegroundHoldStep>(step, program, errno);
