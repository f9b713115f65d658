using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>supervise could not take charge of its directory.</summary>
public sealed class SuperviseStartupException : SystemFailureException<SuperviseStartupStep>
{
    /// <summary>Creates the failure of <paramref name="step"/> on <paramref name="path"/>.</summary>
    public SuperviseStartupException(SuperviseStartupStep step, string path, Errno errno)
        : base(step, path, errno)
    {
    }
}
