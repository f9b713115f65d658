using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

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

    /// <summary>Locks this child alone inherits, held for as long as it (or anything it leaves behind) keeps them (Invoke-SetLock).</summary>
    public IReadOnlyList<LockFile> Locks { get; init; } = [];

    /// <summary>Starts the program, hands each chunk of its stdout to <paramref name="output"/>, and returns how it ended. Throws <see cref="ProgramLaunchException"/> when it cannot start.</summary>
    public WaitStatus Run(Action<byte[], int> output)
    {
        Errno errno = Pipe.Create(out PipePair pipe);
        if (errno != Errno.None) throw new ProgramLaunchException(ProgramLaunchStep.CreatePipe, Path, errno);
        SpawnResult started = Spawner.Spawn(new SpawnRequest(Path, Arguments)
        {
            Environment = Environment.Entries,
            WorkingDirectory = WorkingDirectory,
            Descriptors = [(pipe.Write, 1)],
            Inherit = [.. Locks.Select(l => l.Descriptor)],
            Credentials = Account is null ? null : (Account.UserId, Account.GroupId, AllGroups ? Account.GetGroupIds() : [Account.GroupId]),
            Limits = [.. Limits.Select(l => ((int)l.Resource, l.Value ?? ResourceLimits.Unlimited))],
        });
        pipe.Write.Close();
        if (!started.Started)
        {
            pipe.Read.Close();
            throw new ProgramLaunchException(Step(started.FailedStep), Path, started.Errno);
        }
        try
        {
            byte[] buffer = new byte[64 * 1024];
            while (pipe.Read.Read(buffer, out int n) == Errno.None && n > 0) output(buffer, n);
        }
        finally
        {
            pipe.Read.Close();
        }
        return started.Child.Wait();
    }

    private static ProgramLaunchStep Step(SpawnStep step) => step switch
    {
        SpawnStep.Credentials => ProgramLaunchStep.SwitchAccount,
        SpawnStep.Limits => ProgramLaunchStep.SetLimits,
        _ => ProgramLaunchStep.Start,
    };
}
