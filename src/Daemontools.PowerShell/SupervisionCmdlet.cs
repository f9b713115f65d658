using System.Collections.ObjectModel;
using Daemontools.Engine.Lifecycle;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>
/// What the service cmdlets share (PowerShell's ServiceBaseCommand): service directories from
/// paths (wildcards expand silently; a literal path that is not a directory is a
/// ServiceDirectoryNotFound error) or from names in a scan directory (wildcards; `web/log` for
/// web's logger; a literal name that matches nothing is a ServiceNotFound error), and the mapping
/// of the engine's outcomes to objects and error records. Parameters are declared by the
/// subclasses: <see cref="SvDirectoryCmdlet"/> takes paths first, <see cref="SvServiceCmdlet"/> names.
/// </summary>
public abstract class SupervisionCmdlet : DaemontoolsCmdlet
{
    /// <summary>The parameter set of -Path.</summary>
    protected const string PathSet = "Path";

    /// <summary>The parameter set of -Name (with -ScanDirectory).</summary>
    protected const string NameSet = "Name";

    private const string LogSuffix = "/log";

    private PathInfo? _location;

    // Not disposed: PowerShell may call StopProcessing after EndProcessing (Ctrl+C while a later
    // command of the pipeline still runs), and a source without timers holds nothing to release.
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the pipeline is stopped (Ctrl+C), which ends every wait of the cmdlet.</summary>
    protected CancellationToken Cancellation => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>The directories <paramref name="paths"/> name, as full file-system paths.</summary>
    protected IEnumerable<string> DirectoriesAt(IEnumerable<string> paths)
    {
        foreach (ServicePath path in PathsAt(paths))
        {
            if (path.Typed is null || Directory.Exists(path.Directory)) yield return path.Directory;
            else WriteNotFound(path.Typed, NameHint(path.Typed));
        }
    }

    /// <summary>
    /// What <paramref name="paths"/> name, a literal path not looked up: for a cmdlet that opens each
    /// directory anyway (a lookup fewer per directory), and reports one it cannot open with <see cref="ReadStatus(ServicePath)"/>.
    /// </summary>
    private protected IEnumerable<ServicePath> PathsAt(IEnumerable<string> paths)
    {
        _location = null; // read again for each record: the pipeline may have moved it since
        foreach (string path in paths)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(path))
            {
                yield return new ServicePath(PlainFileSystemPath(path) ?? GetUnresolvedProviderPathFromPSPath(path), path);
                continue;
            }
            foreach (string match in Matches(path)) yield return new ServicePath(match, null);
        }
    }

    /// <summary>The full path of the scan directory: <paramref name="given"/>, else $SVDIR, else /etc/service.</summary>
    protected string ScanDirectoryPath(string? given) => GetUnresolvedProviderPathFromPSPath(ScanDirectoryLocation.Resolve(given));

    /// <summary>
    /// The services of the scan directory that <paramref name="names"/> match, each once, in the order
    /// of the patterns (a service's entries in name order). No names: every service, each followed by its
    /// logger. A missing scan directory stops the pipeline (ScanDirectoryNotFound).
    /// </summary>
    protected IEnumerable<NamedService> ServicesNamed(IReadOnlyList<string> names, string? scanDirectory)
    {
        string scan = ScanDirectoryPath(scanDirectory);
        IReadOnlyList<EnabledService> entries = [];
        try
        {
            entries = EnabledServices.In(scan);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            ThrowFailure(new ItemNotFoundException($"Scan directory '{scan}' cannot be read: {e.Message}", e), ErrorId.ScanDirectoryNotFound, scan);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<NamedService>();
        if (names.Count == 0)
        {
            foreach (EnabledService entry in entries)
            {
                found.Add(new NamedService(entry, Logger: false));
                if (entry.HasLog) found.Add(new NamedService(entry, Logger: true));
            }
            return found;
        }
        foreach (string name in names)
        {
            bool logger = name.EndsWith(LogSuffix, StringComparison.Ordinal);
            var pattern = new WildcardPattern(logger ? name[..^LogSuffix.Length] : name, WildcardOptions.None);
            bool matched = false;
            foreach (EnabledService entry in entries)
            {
                if (!pattern.IsMatch(entry.Name) || (logger && !entry.HasLog)) continue;
                matched = true;
                var service = new NamedService(entry, logger);
                if (seen.Add(service.Directory)) found.Add(service);
            }
            if (!matched && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteFailure(new ItemNotFoundException($"Cannot find a service named '{name}' in '{scan}'."), ErrorId.ServiceNotFound, name);
            }
        }
        return found;
    }

    /// <summary>The directories a wildcard path matches, in name order; none when nothing matches.</summary>
    private IEnumerable<string> Matches(string path)
    {
        Collection<string> matches;
        try
        {
            matches = GetResolvedProviderPathFromPSPath(path, out _);
        }
        catch (ItemNotFoundException)
        {
            return [];
        }
        return matches.Where(Directory.Exists).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// What GetUnresolvedProviderPathFromPSPath makes of <paramref name="path"/>, without its cost (about
    /// 17 us a path: most of Get-SvStat over 1000 directories), when nothing in the path needs
    /// PowerShell's resolution: the current location is in the file system, and the path names no
    /// drive or provider (:), no home (~), no escape (`) and no backslash (PowerShell's other
    /// separator). Null otherwise.
    /// </summary>
    private string? PlainFileSystemPath(string path)
    {
        if (path.StartsWith('~') || path.AsSpan().IndexOfAny(":\\`") >= 0) return null;
        // Once per record: the location's provider path reads /proc/self/mountinfo each time it is made.
        _location ??= SessionState.Path.CurrentLocation;
        if (_location.Provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider)) return null;
        return System.IO.Path.GetFullPath(path, _location.ProviderPath);
    }

    /// <summary>
    /// For a relative path that is no directory here but names a service of the scan directory (Get-Service
    /// users type names where these cmdlets take paths first), the sentence that points to -Name.
    /// </summary>
    private string NameHint(string path)
    {
        if (System.IO.Path.IsPathRooted(path) || path.StartsWith('.')) return string.Empty;
        string scan = ScanDirectoryPath(null);
        return Directory.Exists(System.IO.Path.Combine(scan, path)) ? $" For the service '{path}' of {scan}, use -Name {path}." : string.Empty;
    }

    /// <summary>Writes the non-terminating ServiceDirectoryNotFound error (<paramref name="hint"/> ends its message).</summary>
    protected void WriteNotFound(string path, string hint = "") =>
        WriteFailure(new ItemNotFoundException($"Service directory '{path}' does not exist.{hint}"), ErrorId.ServiceDirectoryNotFound, path);

    /// <summary>Writes the error record of a lifecycle operation that did not happen (one id per kind).</summary>
    protected void WriteFailure(ServiceLifecycleException failure)
    {
        WriteFailure(failure, ErrorId.For(failure.Failure), failure.Path);
    }

    /// <summary>The status as an object, or a non-terminating error when it cannot be read (null then).</summary>
    protected SvStat? ReadStatus(string directory) => ReadStatus(new ServicePath(directory, null));

    /// <summary>
    /// The status as an object, or a non-terminating error when it cannot be read (null then). A typed
    /// path that is no directory is reported under that path, as <see cref="DirectoriesAt"/> reports it.
    /// </summary>
    private protected SvStat? ReadStatus(ServicePath path)
    {
        string directory = path.Directory;
        ServiceStatus status = ServiceStatus.Read(directory);
        switch (status.Failure)
        {
            case StatusFailure.None:
            case not StatusFailure.None when status.NotSupervised:
                return SvStat.From(directory, status);
            case StatusFailure.DirectoryUnavailable when path.Typed is not null && !Directory.Exists(directory):
                WriteNotFound(path.Typed, NameHint(path.Typed));
                return null;
            case StatusFailure.DirectoryUnavailable:
                WriteNotFound(directory);
                return null;
            default:
                WriteFailure(StatusException(status), ErrorId.StatusUnreadable, directory);
                return null;
        }
    }

    /// <summary>Outputs the status of <paramref name="directory"/>: <paramref name="known"/> (what a wait ended on), else read now.</summary>
    protected void WriteStatus(string directory, ServiceStatus? known) => WriteObject(SvStat.From(directory, known ?? ServiceStatus.Read(directory)));

    /// <summary>Waits for <paramref name="target"/>, or stops the pipeline with a timeout error naming the service.</summary>
    protected ServiceStatus AwaitState(string directory, StatusTarget target, double timeoutSeconds, CancellationToken cancel)
    {
        ServiceStatus? status = StatusWait.Until(directory, target, TimeSpan.FromSeconds(timeoutSeconds), cancel);
        if (status is null) ThrowFailure(WaitTimeout(directory, target.Goal, timeoutSeconds), ErrorId.SvWaitTimeout, directory);
        return status!;
    }

    /// <summary>Waits for <paramref name="target"/>; on timeout writes a non-terminating SvWaitTimeout error naming the service and returns null.</summary>
    protected ServiceStatus? TryAwaitState(string directory, StatusTarget target, double timeoutSeconds, CancellationToken cancel)
    {
        ServiceStatus? status = StatusWait.Until(directory, target, TimeSpan.FromSeconds(timeoutSeconds), cancel);
        if (status is null) WriteFailure(WaitTimeout(directory, target.Goal, timeoutSeconds), ErrorId.SvWaitTimeout, directory);
        return status;
    }

    /// <summary>
    /// Waits until svscan runs a newly enabled service: up (or down when it has a down file), then its
    /// logger up; writes a SvWaitTimeout error and returns null when that takes longer than the timeout.
    /// </summary>
    protected ServiceStatus? AwaitRunning(EnabledService entry, double timeoutSeconds, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ServiceStatus? status = TryAwaitState(entry.Path, StatusTarget.For(StatusGoal.Normal), timeoutSeconds, cancel);
        if (status is null || !entry.HasLog) return status;
        double left = Math.Max(0, timeoutSeconds - clock.Elapsed.TotalSeconds);
        return TryAwaitState(entry.LogPath, StatusTarget.For(StatusGoal.Up), left, cancel) is null ? null : ServiceStatus.Read(entry.Path);
    }

    /// <summary>
    /// True when supervise received the bytes, or they went into a supervise/control that is not a
    /// FIFO (with a warning: supervise applies them when it next wakes); otherwise writes the error
    /// (SuperviseNotRunning with <paramref name="notRunning"/> as its message, ServiceDirectoryNotFound,
    /// or SvcFailed) and returns false.
    /// </summary>
    protected bool Delivered(string directory, ControlResult result, string notRunning)
    {
        if (result.Succeeded) return true;
        if (result.Outcome == ControlOutcome.NotFifo)
        {
            WriteWarning($"Cannot control '{directory}' at once: supervise/control is not a FIFO; supervise applies the commands when it next wakes.");
            return true;
        }
        if (result.Outcome == ControlOutcome.NotRunning || result.NeverSupervised)
        {
            WriteFailure(new InvalidOperationException(notRunning), ErrorId.SuperviseNotRunning, directory);
        }
        else if (result.Outcome == ControlOutcome.DirectoryUnavailable)
        {
            WriteNotFound(directory);
        }
        else
        {
            WriteFailure(new IOException($"Cannot control {directory}: {result.Errno.Description()}."), ErrorId.SvcFailed, directory);
        }
        return false;
    }

    private static TimeoutException WaitTimeout(string directory, StatusGoal goal, double timeoutSeconds) =>
        new($"Timed out after {timeoutSeconds} seconds waiting for service '{directory}' to be {Describe(goal)}.");

    /// <summary>A goal in the timeout's words.</summary>
    private static string Describe(StatusGoal goal) => goal switch
    {
        StatusGoal.Up => "up",
        StatusGoal.Down => "down",
        StatusGoal.StartedOnce => "started once",
        StatusGoal.Paused => "paused",
        StatusGoal.Continued => "continued",
        StatusGoal.UpAgain => "up again as a new process",
        StatusGoal.ProcessGone => "rid of the killed process",
        StatusGoal.Normal => "running under svscan (and ready, if it reports readiness)",
        StatusGoal.Serving => "up (and ready, if it reports readiness)",
        StatusGoal.ServingAgain => "up again as a new process (and ready, if it reports readiness)",
        StatusGoal.Ready => "up and ready",
        StatusGoal.ReadyAgain => "up and ready again as a new process",
        StatusGoal.Starting => "starting",
        StatusGoal.Stopping => "stopping",
        StatusGoal.Finishing => "finishing",
        _ => "no longer supervised",
    };

    private static Exception StatusException(ServiceStatus status) => status.Failure switch
    {
        StatusFailure.BadFormat => new InvalidDataException($"{status.Path}/supervise/status holds fewer than 18 bytes."),
        StatusFailure.DownUnavailable => new IOException($"Cannot examine {status.Path}/down: {status.Errno.Description()}."),
        StatusFailure.OkUnavailable => new IOException($"Cannot open {status.Path}/supervise/ok: {status.Errno.Description()}."),
        _ => new IOException($"Cannot read {status.Path}/supervise/status: {status.Errno.Description()}."),
    };
}
