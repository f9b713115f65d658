using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// fghack's trick for programs that put themselves in the background: the program starts with
/// 30 extra copies of a pipe's write end, which a daemonizing child keeps; the holder reads the
/// pipe until every copy is closed (the program and whatever it left behind are gone), then
/// reaps the program and reports its status. The program inherits signal dispositions and mask
/// exactly as fghack did, and every descriptor a C program would pass on.
/// </summary>
public static class ForegroundHold
{
    private const int Copies = 30;

    /// <summary>Runs <paramref name="argv"/> (searched along <paramref name="searchPath"/>) held in the foreground; throws <see cref="ForegroundHoldException"/>.</summary>
    public static WaitStatus Run(IReadOnlyList<string> argv, EnvironmentBlock environment, string? searchPath)
    {
        Errno errno = Pipe.Create(out PipePair pipe, inheritable: true);
        if (errno != Errno.None) throw new ForegroundHoldException(ForegroundHoldStep.CreatePipe, argv[0], errno);
        SpawnResult started = Start(argv, environment, searchPath, pipe);
        pipe.Write.Close();
        if (!started.Started)
        {
            pipe.Read.Close();
            throw new ForegroundHoldException(ForegroundHoldStep.Run, argv[0], started.Errno);
        }
        byte[] buffer = new byte[1024];
        while (pipe.Read.Read(buffer, out int n) == Errno.None && n > 0)
        {
        }
        pipe.Read.Close();
        try
        {
            return started.Child.Wait();
        }
        catch (SystemCallException e)
        {
            throw new ForegroundHoldException(ForegroundHoldStep.Wait, argv[0], e.Errno);
        }
    }

    private static SpawnResult Start(IReadOnlyList<string> argv, EnvironmentBlock environment, string? searchPath, PipePair pipe)
    {
        // The original child closes the read end, then dup()s the write end 30 times: the copies
        // land on the lowest free descriptors, which the read end's number is the first of; a dup
        // beyond the descriptor limit fails, and the original carries on with fewer copies.
        var copies = Descriptor.LowestFree(Copies, pipe.Read).Select(fd => (pipe.Write, fd)).ToArray();
        var search = new ProgramSearch(argv[0], searchPath);
        while (search.Next(out string candidate))
        {
            SpawnResult started = Spawner.Spawn(new SpawnRequest(candidate, argv)
            {
                Environment = environment.Entries,
                Close = [pipe.Read],
                Descriptors = copies,
                KeepSignals = true,
            });
            if (started.Started) return started;
            search.Failed(started.Errno);
        }
        return SpawnResult.Failed(SpawnStep.Spawn, search.Errno);
    }
}
