using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// fghack's trick for programs that put themselves in the background: the program starts with
/// 30 extra copies of a pipe's write end, which a daemonizing child keeps; the holder reads the
/// pipe until every copy is closed (the program and whatever it left behind are gone), then
/// reaps the program and reports its status.
/// </summary>
public static unsafe class ForegroundHold
{
    private const int Copies = 30;

    /// <summary>Runs <paramref name="argv"/> (searched along <paramref name="searchPath"/>) held in the foreground; throws <see cref="ForegroundHoldException"/>.</summary>
    public static WaitStatus Run(IReadOnlyList<string> argv, EnvironmentBlock environment, string? searchPath)
    {
        if (!PipePair.TryCreate(out PipePair pipe, out int errno, inheritable: true)) throw new ForegroundHoldException("pipe", errno);
        (int readEnd, int writeEnd) = pipe;
        int pid = Start(argv, environment, searchPath, readEnd, writeEnd, out errno);
        Descriptor.Close(writeEnd);
        if (pid < 0)
        {
            Descriptor.Close(readEnd);
            throw new ForegroundHoldException("run", errno);
        }
        byte[] buffer = new byte[1024];
        while (Descriptor.TryRead(readEnd, buffer, out _) > 0)
        {
        }
        Descriptor.Close(readEnd);
        try
        {
            return ChildProcesses.Wait(pid);
        }
        catch (UnixException e)
        {
            throw new ForegroundHoldException("wait", e.Errno);
        }
    }

    private static int Start(IReadOnlyList<string> argv, EnvironmentBlock environment, string? searchPath, int readEnd, int writeEnd, out int errno)
    {
        // The original child closes the read end, then dup()s the write end 30 times: the copies
        // land on the lowest free descriptors, which the read end's number is the first of.
        HashSet<int> open = InheritingSpawner.InheritableDescriptors();
        open.Remove(readEnd);
        var copies = new (int From, int To)[Copies];
        for (int fd = 0, n = 0; n < Copies; fd++)
        {
            if (!open.Contains(fd)) copies[n++] = (writeEnd, fd);
        }
        using var args = new NativeStringArray(argv);
        using var env = new NativeByteStringArray(environment.Entries);
        var search = new ProgramSearch(argv[0], searchPath);
        while (search.Next(out string candidate))
        {
            byte* path = NativeByteString.Allocate(System.Text.Encoding.UTF8.GetBytes(candidate));
            try
            {
                int pid = InheritingSpawner.TrySpawn(path, args, env, [readEnd], copies, out errno);
                if (pid > 0) return pid;
            }
            finally
            {
                System.Runtime.InteropServices.NativeMemory.Free(path);
            }
            search.Failed(errno);
        }
        errno = search.Errno;
        return -1;
    }
}
