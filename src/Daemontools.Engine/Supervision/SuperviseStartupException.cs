using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>supervise could not take charge of its directory.</summary>
public sealed class SuperviseStartupException(SuperviseStartupStep step, string path, Errno errno)
    : SystemFailureException<SuperviseStartupStep>(step, path, errno);
