namespace Daemontools.Engine.Supervision;

/// <summary>
/// The names inside a service directory that supervise and its clients agree on
/// (daemontools 0.76: ./run, ./down, supervise/{lock,control,ok,status}).
/// </summary>
public sealed class ServiceDirectory
{
    /// <summary>Relative names, as supervise uses them after chdir into the service.</summary>
    public const string RunName = "run", DownName = "down", SuperviseName = "supervise",
        LockName = "supervise/lock", ControlName = "supervise/control", OkName = "supervise/ok",
        StatusName = "supervise/status", NewStatusName = "supervise/status.new";

    /// <summary>Wraps a service directory path as given (relative paths stay relative).</summary>
    public ServiceDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The directory as given.</summary>
    public string Path { get; }

    /// <summary>The last component of the path (the service's name under svscan).</summary>
    public string Name => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path)) is { Length: > 0 } name ? name : Path;

    /// <summary>Path of the run script.</summary>
    public string Run => Combine(RunName);

    /// <summary>Path of the down marker.</summary>
    public string Down => Combine(DownName);

    /// <summary>Path of supervise's lock file.</summary>
    public string Lock => Combine(LockName);

    /// <summary>Path of the control FIFO.</summary>
    public string Control => Combine(ControlName);

    /// <summary>Path of the liveness FIFO.</summary>
    public string Ok => Combine(OkName);

    /// <summary>Path of the 18-byte status file.</summary>
    public string Status => Combine(StatusName);

    private string Combine(string name) => Within(Path, name);

    /// <summary><paramref name="name"/> inside <paramref name="directory"/>, as given (relative stays relative, no doubled slash).</summary>
    internal static string Within(string directory, string name) => directory.EndsWith('/') ? directory + name : directory + "/" + name;

    public override string ToString() => Path;
}
