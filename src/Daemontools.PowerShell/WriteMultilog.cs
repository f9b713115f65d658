using System.Globalization;
using System.Text;
using Daemontools.Engine.Logging;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>
/// Writes pipeline input to a multilog directory in-process, through the same engine as the
/// multilog program: strings line by line, other objects as the console would render them.
/// Everything is written and current marked complete at the end of the pipeline and on Ctrl+C.
/// </summary>
[Cmdlet(VerbsCommunications.Write, "Multilog", SupportsShouldProcess = true, DefaultParameterSetName = SimpleSet)]
[OutputType(typeof(void))]
public sealed class WriteMultilog : DaemontoolsCmdlet, IDisposable
{
    private const string SimpleSet = "Simple";
    private const string ScriptSet = "Script";

    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Multilog? _log;
    private ObjectLines? _lines;
    private bool _finished;

    /// <summary>What to log: strings (split at newlines) or objects (rendered as the console shows them).</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    public object? InputObject { get; set; }

    /// <summary>The log directory (created if missing).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = SimpleSet)]
    public string Path { get; set; } = string.Empty;

    /// <summary>Rotate current at about this size (multilog 's'; 4096..16777215).</summary>
    [Parameter(ParameterSetName = SimpleSet)]
    [ValidateRange(MultilogScript.MinimumSize, MultilogScript.MaximumSize)]
    public long MaxSize { get; set; } = LogDirectorySettings.DefaultSize;

    /// <summary>Keep at most this many files, current included (multilog 'n'; at least 2).</summary>
    [Parameter(ParameterSetName = SimpleSet)]
    [ValidateRange(2, int.MaxValue)]
    public int MaxFiles { get; set; } = LogDirectorySettings.DefaultCount;

    /// <summary>Stamp each line with TAI64N (multilog 't').</summary>
    [Parameter(ParameterSetName = SimpleSet)]
    public SwitchParameter Timestamp { get; set; }

    /// <summary>Log only lines matching one of these multilog patterns ('*' up to the next character, no backtracking).</summary>
    [Parameter(ParameterSetName = SimpleSet)]
    public string[]? Include { get; set; }

    /// <summary>Do not log lines matching any of these multilog patterns.</summary>
    [Parameter(ParameterSetName = SimpleSet)]
    public string[]? Exclude { get; set; }

    /// <summary>A raw multilog script, e.g. 't', 's1000000', 'n20', '-*debug*', './log'.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ScriptSet)]
    public string[] Script { get; set; } = [];

    protected override void BeginProcessing()
    {
        MultilogScript script = MultilogScript.Parse(ParameterSetName == ScriptSet ? Script : SimpleScript());
        string target = string.Join(", ", script.Directories.Select(d => d.Path).Concat(script.StatusFiles));
        if (!ShouldProcess(target, "Write log")) return;
        var options = new MultilogOptions
        {
            StartDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath,
            Alert = bytes => WriteWarning(Encoding.UTF8.GetString(bytes).TrimEnd('\n')),
            Warning = warning => WriteWarning(Describe(warning)),
            Cancellation = _stop.Token,
        };
        try
        {
            _log = Multilog.Open(script, options);
        }
        catch (MultilogException e)
        {
            ThrowFailure(e, e.IsHeldElsewhere ? ErrorId.LogDirectoryLocked : ErrorId.LogDirectoryUnavailable, target);
        }
        _lines = ObjectLines.Create(InvokeCommand);
    }

    protected override void ProcessRecord()
    {
        if (_log is null || _lines is null) return;
        lock (_gate)
        {
            if (_finished) return;
            var text = new StringBuilder();
            _lines.Render(InputObject, text);
            Write(text);
        }
    }

    protected override void EndProcessing()
    {
        lock (_gate)
        {
            if (_lines is not null && _log is not null && !_finished)
            {
                var text = new StringBuilder();
                _lines.Complete(text);
                Write(text);
            }
            Finish();
        }
    }

    /// <summary>Ctrl+C: stop any retry pause, then write out what was received and close cleanly.</summary>
    protected override void StopProcessing()
    {
        _stop.Cancel(); // a disk-full pause in ProcessRecord gives up and releases the gate
        lock (_gate)
        {
            Finish();
        }
    }

    /// <summary>Closes the directories if the pipeline ended without EndProcessing or StopProcessing.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            Finish();
        }
        _lines?.Dispose();
        _stop.Dispose();
    }

    private void Write(StringBuilder text)
    {
        if (text.Length == 0 || _log is null) return;
        try
        {
            _log.Write(Encoding.UTF8.GetBytes(text.ToString()));
            _log.Flush();
            _log.RotateAged(DateTimeOffset.UtcNow); // a script's 'R': checked as lines arrive
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C during a disk-full pause: StopProcessing closes what it can.
        }
    }

    private void Finish()
    {
        if (_finished || _log is null) return;
        _finished = true;
        try
        {
            _log.Complete();
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _log.Dispose();
        }
    }

    /// <summary>"Cannot write to ./log/current (No space left on device); retrying in 5 seconds."</summary>
    private static string Describe(LogWarning warning)
    {
        if (warning.Kind == LogWarningKind.Unmeasured) return $"Cannot tell how much of the input a killed logger was writing reached {warning.Path}; it is logged again.";
        if (warning.Kind == LogWarningKind.NoJournal) return $"Cannot keep the journal {warning.Path}; logging without it.";
        string what = warning.Kind switch
        {
            LogWarningKind.Write => $"Cannot write to {warning.Path}",
            LogWarningKind.Sync => $"Cannot flush {warning.Path} to disk",
            LogWarningKind.RenameCurrent => $"Cannot rename current to previous in {warning.Path}",
            LogWarningKind.Create => $"Cannot create {warning.Path}",
            LogWarningKind.SetMode => $"Cannot set the mode of {warning.Path}",
            LogWarningKind.Remove => $"Cannot remove {warning.Path}",
            LogWarningKind.RenameNewState => $"Cannot rename newstate to state in {warning.Path}",
            LogWarningKind.StartProcessor => $"Cannot start the processor in {warning.Path}",
            LogWarningKind.ProcessorCrashed => $"The processor in {warning.Path} was killed",
            LogWarningKind.ProcessorFailed => $"The processor in {warning.Path} failed",
            LogWarningKind.Stat => $"Cannot examine {warning.Path}",
            LogWarningKind.Link => $"Cannot link {warning.Path}",
            LogWarningKind.ReadDirectory => $"Cannot read {warning.Path}",
            _ => $"Cannot write the status file {warning.Path}",
        };
        bool reason = warning.Errno != Errno.None && warning.Kind != LogWarningKind.ProcessorCrashed;
        return reason ? $"{what} ({warning.Errno.Description()}); retrying." : what + "; retrying.";
    }

    private string[] SimpleScript()
    {
        var script = new List<string>();
        if (Timestamp) script.Add("t");
        if (Include is { Length: > 0 })
        {
            script.Add("-*");
            script.AddRange(Include.Select(p => "+" + p));
        }
        if (Exclude is not null) script.AddRange(Exclude.Select(p => "-" + p));
        script.Add("s" + MaxSize.ToString(CultureInfo.InvariantCulture));
        script.Add("n" + MaxFiles.ToString(CultureInfo.InvariantCulture));
        // An absolute path is a directory action whatever it is called.
        script.Add(GetUnresolvedProviderPathFromPSPath(Path));
        return [.. script];
    }
}
