using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// A program run from a pwsh session with changed process state (environment, account, limits),
/// its stdout streamed back, as Invoke-EnvDir, Invoke-SetUidGid, Invoke-SoftLimit and
/// Invoke-SetLock do. The session itself is never changed: a child carries the state.
/// </summary>
public sealed class ProgramLaunch
{
    /// <summary>The program file, already resolved (no PATH search here).</summary>
    public required string Path { get; init; }

    /// <summary>argv, argv[0] included.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The child's environment.</summary>
    public required EnvironmentBlock Environment { get; init; }

    /// <summary>Directory the child starts in; null = the process's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The account the child runs as (setuidgid), or null.</summary>
    public Account? Account { get; init; }

    /// <summary>With <see cref="Account"/>: all of the account's groups instead of just its primary group.</summary>
    public bool AllGroups { get; init; }

    /// <summary>Soft limits for the child (null value = the hard limit), clamped to the hard limits.</summary>
    public IReadOnlyList<(ResourceLimit Resource, ulong? Value)> Limits { get; init; } = [];

    /// <summary>Close-on-exec descriptors this child alone inherits (e.g. Invoke-SetLock's lock).</summary>
    public IReadOnlyList<int> Inherit { get; init; } = [];

    /// <summary>Starts the program, hands each chunk of its stdout to <paramref name="output"/>, and returns how it ended. Throws <see cref="UnixException"/> when it cannot start.</summary>
    public WaitStatus Run(Action<byte[], int> output)
    {
        if (!PipePair.TryCreate(out PipePair pipe, out int errno)) throw new UnixException(errno, "pipe");
        (int readEnd, int writeEnd) = pipe;
        int pid;
        try
        {
            pid = ProgramSpawner.Spawn(new ProgramSpawnRequest
            {
                Path = Path,
                Arguments = Arguments,
                Environment = Environment.Entries,
                WorkingDirectory = WorkingDirectory,
                StandardOutput = writeEnd,
                Inherit = Inherit,
                Credentials = Account is null ? null : (Account.UserId, Account.GroupId, AllGroups ? Account.GetGroupIds() : [Account.GroupId]),
                Limits = [.. Limits.Select(l => ((int)l.Resource, l.Value ?? ResourceLimitCalls.Infinity))],
            });
        }
        catch
        {
            Descriptor.Close(readEnd);
            throw;
        }
        finally
        {
            Descriptor.Close(writeEnd);
        }
        try
        {
            byte[] buffer = new byte[64 * 1024];
            while (true)
            {
                int n = Descriptor.TryRead(readEnd, buffer, out _);
                if (n <= 0) break;
                output(buffer, n);
            }
        }
        finally
        {
            Descriptor.Close(readEnd);
        }
        return ChildProcesses.Wait(pid);
    }
}
