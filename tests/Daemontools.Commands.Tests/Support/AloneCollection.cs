namespace Daemontools.Commands.Tests.Support;

/// <summary>
/// Tests that run on their own, after the parallel ones, because they hold most of a per-user
/// kernel quota: 100 supervise processes hold 100 of the 128 inotify instances a user gets by
/// default (fs.inotify.max_user_instances), and svwait or svscan beside them failed for want of one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
