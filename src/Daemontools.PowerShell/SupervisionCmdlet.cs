using System.Collections.ObjectModel;
using System.Management.Automation;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>
/// What the service cmdlets share: service directories from paths (wildcards expand silently;
/// a literal path that is not a directory is a ServiceDirectoryNotFound error) and the mapping
/// of the engine's outcomes to objects and error records.
/// </summary>
public abstract class SupervisionCmdlet : DaemontoolsCmdlet
{
    /// <summary>Error id for a path that is not a directory.</summary>
    public const string DirectoryNotFoundId = "ServiceDirectoryNotFound";

    /// <summary>Error id for a directory whose supervise is not running.</summary>
    public const string NotRunningId = "SuperviseNotRunning";

    /// <summary>Service directory paths: the parameter every service cmdlet takes.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>The directories <see cref="Path"/> names, as full file-system paths.</summary>
    protected IEnumerable<string> ServiceDirectories()
    {
        foreach (string path in Path)
        {
            foreach (string directory in Resolve(path)) yield return directory;
        }
    }

    private List<string> Resolve(string path)
    {
        var found = new List<string>();
        if (WildcardPattern.ContainsWildcardCharacters(path))
        {
            Collection<string> matches;
            try
            {
                matches = GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException)
            {
                return found;
            }
            found.AddRange(matches.Where(Directory.Exists).Order(StringComparer.Ordinal));
            return found;
        }
        string full = GetUnresolvedProviderPathFromPSPath(path);
        if (Directory.Exists(full)) found.Add(full);
        else WriteNotFound(path);
        return found;
    }

    /// <summary>Writes the non-terminating ServiceDirectoryNotFound error.</summary>
    protected void WriteNotFound(string path) =>
        WriteFailure(new ItemNotFoundException($"Service directory '{path}' does not exist."), DirectoryNotFoundId, ErrorCategory.ObjectNotFound, path);

    /// <summary>The status as an object, or a non-terminating error when it cannot be read (null then).</summary>
    protected SvStat? ReadStatus(string directory)
    {
        ServiceStatus status = ServiceStatus.Read(directory);
        switch (status.Failure)
        {
            case StatusFailure.None:
            case not StatusFailure.None when status.NotSupervised:
                return SvStat.From(directory, status);
            case StatusFailure.DirectoryUnavailable:
                WriteNotFound(directory);
                return null;
            default:
                WriteFailure(StatusException(status), "StatusUnreadable", ErrorCategory.ReadError, directory);
                return null;
        }
    }

    /// <summary>True when <paramref name="status"/> is in <paramref name="state"/>.</summary>
    protected static bool IsIn(ServiceStatus status, SvState state) => state switch
    {
        SvState.Up => status.Failure == StatusFailure.None && status.Record.IsUp,
        SvState.Down => status.Failure == StatusFailure.None && !status.Record.IsUp,
        _ => status.NotSupervised,
    };

    /// <summary>Waits for a state, or stops the pipeline with a timeout error naming the service.</summary>
    protected ServiceStatus AwaitState(string directory, Func<ServiceStatus, bool> reached, string what, double timeoutSeconds, CancellationToken cancel)
    {
        ServiceStatus? status = StatusWait.Until(directory, reached, TimeSpan.FromSeconds(timeoutSeconds), cancel);
        if (status is null)
        {
            ThrowFailure(
                new TimeoutException($"Timed out after {timeoutSeconds} seconds waiting for service '{directory}' to be {what}."),
                "SvWaitTimeout",
                ErrorCategory.OperationTimeout,
                directory);
        }
        return status!;
    }

    private static Exception StatusException(ServiceStatus status) => status.Failure switch
    {
        StatusFailure.BadFormat => new InvalidDataException($"{status.Path}/supervise/status holds fewer than 18 bytes."),
        StatusFailure.DownUnavailable => new IOException($"Cannot examine {status.Path}/down: {status.Errno.Description()}."),
        StatusFailure.OkUnavailable => new IOException($"Cannot open {status.Path}/supervise/ok: {status.Errno.Description()}."),
        _ => new IOException($"Cannot read {status.Path}/supervise/status: {status.Errno.Description()}."),
    };
}
