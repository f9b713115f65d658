using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.Commands;

/// <summary>
/// The lock-fd waiter supervise starts when a stale copy of the service holds its lock:
/// `daemontools .lockwait FD ./run DIR` takes the exclusive flock on FD, waiting as long as it
/// takes, then becomes ./run in the same process (so supervise's pid for the service stays right).
/// Not a program of its own: it has no link in bin/.
/// </summary>
internal static class LockwaitCommand
{
    /// <summary>The hidden name the multi-call binary answers to.</summary>
    public const string Name = ".lockwait";

    public static int Run(string[] args, Chain chain)
    {
        if (args.Length < 2 || !int.TryParse(args[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int fd))
        {
            throw Failure.Usage("supervise", "dir");
        }
        Errno errno = ServiceLock.WaitFor(fd);
        if (errno != Errno.None) throw Failure.Fatal("supervise", "unable to lock descriptor " + args[0], errno);
        return chain.Run("supervise", args[1..]);
    }
}
