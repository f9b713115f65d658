using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Scanning;

/// <summary>
/// The supervise processes an earlier svscan left running on a directory (it was killed; the tree
/// lived on): the holder of NAME/supervise/lock whose working directory is NAME, and the same for
/// NAME/log. svscan adopts them instead of starting copies that would fail on the lock, and takes
/// back the pipe between them, so that a supervise replaced later is joined to the same pipe.
/// </summary>
internal readonly record struct SurvivingSupervisors(ForeignProcess? Main, ForeignProcess? Log)
{
    /// <summary>Looks for the supervise of <paramref name="name"/> (a directory with <paramref name="identity"/>) and, when <paramref name="log"/>, of NAME/log.</summary>
    public static SurvivingSupervisors Find(LockHolders locks, string name, FileFacts identity, bool log)
    {
        ForeignProcess? main = Holder(locks, name, identity);
        ForeignProcess? logger = null;
        if (log && FileSystem.Stat(name + "/log", out FileFacts logIdentity) == Errno.None) logger = Holder(locks, name + "/log", logIdentity);
        return new SurvivingSupervisors(main, logger);
    }

    /// <summary>
    /// The pipe between the two, copied out of them: the log supervise's stdin and the service's
    /// supervise's stdout when both are the two ends of one pipe, or the log supervise's stdin alone
    /// (then the write end is opened anew). Null with Errno.None when there is nothing to take back
    /// (no log supervise, or descriptors that are not that pipe: the service's stdout alone may be
    /// svscan's own output); null with errno when the kernel refused (EPERM, ENOSYS before 5.6).
    /// </summary>
    public Errno TakePipe(out PipePair? pipe)
    {
        pipe = null;
        if (Log is not { } logger) return Errno.None;
        Errno errno = logger.CopyDescriptor(Descriptor.StandardInput.Number, out Descriptor read);
        if (errno != Errno.None) return errno;
        if (!IsEnd(read, Linux.O_RDONLY, out ulong inode))
        {
            read.Close();
            return Errno.None;
        }
        Descriptor write = Descriptor.None;
        if (Main is { } main)
        {
            errno = main.CopyDescriptor(Descriptor.StandardOutput.Number, out write);
            if (errno != Errno.None)
            {
                read.Close();
                return errno;
            }
            if (!IsEnd(write, Linux.O_WRONLY, out ulong other) || other != inode)
            {
                read.Close();
                write.Close();
                return Errno.None;
            }
        }
        else if ((errno = Pipe.OpenOtherEnd(read, writeEnd: true, out write)) != Errno.None)
        {
            read.Close();
            return errno;
        }
        pipe = new PipePair(read, write);
        return Errno.None;
    }

    /// <summary>Closes the pidfds of those not adopted.</summary>
    public void Release()
    {
        Main?.Close();
        Log?.Close();
    }

    /// <summary>The process holding DIR/supervise/lock with DIR (<paramref name="identity"/>) as its working directory, held by a pidfd.</summary>
    private static ForeignProcess? Holder(LockHolders locks, string directory, FileFacts identity)
    {
        if (FileSystem.Stat(directory + "/supervise/lock", out FileFacts lockFile) != Errno.None) return null;
        foreach (int pid in locks.Of(lockFile.Inode))
        {
            // The pidfd first: once it is open, the pid cannot name another process behind our back.
            if (ForeignProcess.Open(pid, out ForeignProcess process) != Errno.None) continue;
            bool there = FileSystem.Stat($"/proc/{pid}/cwd", out FileFacts cwd) == Errno.None
                && cwd.Device == identity.Device && cwd.Inode == identity.Inode && !process.HasEnded();
            if (there) return process;
            process.Close();
        }
        return null;
    }

    /// <summary><paramref name="fd"/> is a pipe opened for <paramref name="access"/>; <paramref name="inode"/> names the pipe.</summary>
    private static bool IsEnd(Descriptor fd, int access, out ulong inode)
    {
        inode = 0;
        if (fd.Stat(out FileFacts facts) != Errno.None || !facts.IsFifo) return false;
        inode = facts.Inode;
        return (fd.Control(Linux.F_GETFL, 0) & 3) == access;
    }
}
