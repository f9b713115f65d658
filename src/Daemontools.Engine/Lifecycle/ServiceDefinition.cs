using Daemontools.Engine.Supervision;

namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// A service to create: what ./run runs and how, its logger, and the optional supervision files.
/// <see cref="ServiceLayout"/> turns it into a plain daemontools service directory.
/// </summary>
public sealed class ServiceDefinition
{
    /// <summary>Creates the definition of service <paramref name="name"/> running the shell command line <paramref name="command"/>.</summary>
    public ServiceDefinition(string name, string command)
    {
        ServiceName.Validate(name, nameof(name));
        if (string.IsNullOrWhiteSpace(command)) throw new ArgumentException("The command cannot be empty.", nameof(command));
        if (command.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException("The command cannot contain NUL.", nameof(command));
        Name = name;
        Command = command;
    }

    /// <summary>The service's name: its directory's name and its name in the scan directory.</summary>
    public string Name { get; }

    /// <summary>A /bin/sh command line, run as `exec COMMAND` so a simple command becomes the supervised process.</summary>
    public string Command { get; }

    /// <summary>The account the command runs as (setuidgid); null = the supervisor's.</summary>
    public string? User { get; init; }

    /// <summary>Variables for envdir: a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The directory the command starts in; null = the service directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>softlimit -m: bytes of memory (data, stack, address space); null = no limit set.</summary>
    public long? MemoryLimit { get; init; }

    /// <summary>softlimit -o: open descriptors; null = no limit set.</summary>
    public long? OpenFilesLimit { get; init; }

    /// <summary>Writes ./down: supervise does not start the service by itself.</summary>
    public bool Down { get; init; }

    /// <summary>Writes flag-setsid: ./run leads a new session, so the whole service can be signalled as a group.</summary>
    public bool NewSession { get; init; } = true;

    /// <summary>Writes notification-fd: the descriptor on which the service reports readiness with a newline.</summary>
    public int? ReadinessFd { get; init; }

    /// <summary>Writes ./finish running this shell command line after each exit of ./run (arguments: exit code, signal, name).</summary>
    public string? Finish { get; init; }

    /// <summary>Writes timeout-kill: milliseconds after a stop request before SIGKILL.</summary>
    public int? TimeoutKill { get; init; }

    /// <summary>Writes down-signal: the signal that stops the service instead of SIGTERM.</summary>
    public string? DownSignal { get; init; }

    /// <summary>The logger; null = no log/ (output goes wherever svscan's goes).</summary>
    public LoggerDefinition? Logger { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> for a value the service directory could not carry faithfully.</summary>
    public void Validate()
    {
        foreach ((string variable, string? value) in Environment) EnvironmentFile.Validate(variable, value);
        if (User is not null && string.IsNullOrWhiteSpace(User)) throw new ArgumentException("The account cannot be empty.", nameof(User));
        if (WorkingDirectory is not null && (WorkingDirectory.Length == 0 || WorkingDirectory.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException("The working directory must be a path.", nameof(WorkingDirectory));
        }
        if (MemoryLimit is <= 0) throw new ArgumentOutOfRangeException(nameof(MemoryLimit), MemoryLimit, "The memory limit must be positive.");
        if (OpenFilesLimit is <= 0) throw new ArgumentOutOfRangeException(nameof(OpenFilesLimit), OpenFilesLimit, "The descriptor limit must be positive.");
        // 0-2 are ./run's stdin, stdout and stderr.
        if (ReadinessFd is < 3) throw new ArgumentOutOfRangeException(nameof(ReadinessFd), ReadinessFd, "The readiness descriptor must be 3 or more.");
        if (TimeoutKill is < 0) throw new ArgumentOutOfRangeException(nameof(TimeoutKill), TimeoutKill, "The kill timeout cannot be negative.");
        if (Finish is not null && (string.IsNullOrWhiteSpace(Finish) || Finish.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException("The finish command cannot be empty.", nameof(Finish));
        }
        if (DownSignal is not null && (!DownSignal.All(char.IsAsciiLetterOrDigit) || !SignalNames.TryParse(DownSignal, out _)))
        {
            throw new ArgumentException($"'{DownSignal}' is not a signal name (such as HUP or SIGHUP) or number (1 to {SignalNames.Highest}).", nameof(DownSignal));
        }
        Logger?.Validate();
    }
}
