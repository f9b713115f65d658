using System.Collections;
using Daemontools.Engine.Lifecycle;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>
/// Creates a service directory (a plain daemontools one) in a repository folder such as /etc/sv:
/// ./run running the command through the module's envdir, setuidgid and softlimit as asked,
/// env/, a multilog logger, and the supervision files asked for. It is written beside the target
/// and renamed into place, so a scanner never sees half of it. -Enable links it into the scan
/// directory. Outputs the new service's status.
/// </summary>
[Cmdlet(VerbsCommon.New, "SvService", SupportsShouldProcess = true)]
[OutputType(typeof(SvStat))]
public sealed class NewSvService : SupervisionCmdlet
{
    /// <summary>The repository folder of service directories when -Path is not given.</summary>
    public const string DefaultRepository = "/etc/sv";

    private static readonly string[] ChainPrograms = ["envdir", "setuidgid", "softlimit", "multilog"];

    private string _programs = ModuleFolder.Bin;

    /// <summary>The service's name: its directory's name and its name in the scan directory.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = string.Empty;

    /// <summary>A /bin/sh command line, run as `exec COMMAND` so that a simple command is the supervised process.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Command { get; set; } = string.Empty;

    /// <summary>The repository folder that holds service directories (default /etc/sv; made when missing).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = DefaultRepository;

    /// <summary>The account the command runs as (setuidgid).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AccountNameCompleter))]
    public string? User { get; set; }

    /// <summary>Environment variables for the command (env/, read by envdir); a $null value removes one.</summary>
    [Parameter]
    public Hashtable? Environment { get; set; }

    /// <summary>The directory the command starts in (default: the service directory).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>softlimit -m: bytes of memory (data, stack and address space).</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long? MemoryLimit { get; set; }

    /// <summary>softlimit -o: open descriptors.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long? OpenFilesLimit { get; set; }

    /// <summary>Give the service a logger: log/run running multilog t into ./main.</summary>
    [Parameter]
    public SwitchParameter Log { get; set; }

    /// <summary>The logger's directory: relative to log/ (default ./main) or absolute. Implies -Log.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LogPath { get; set; }

    /// <summary>Bytes in the current log file before rotation (multilog s, 4096 to 16777215). Implies -Log.</summary>
    [Parameter]
    [ValidateRange(LoggerDefinition.MinSize, LoggerDefinition.MaxSize)]
    public int? LogMaxSize { get; set; }

    /// <summary>Rotated log files kept (multilog n, at least 2). Implies -Log.</summary>
    [Parameter]
    [ValidateRange(2, int.MaxValue)]
    public int? LogMaxFiles { get; set; }

    /// <summary>The account the logger runs as (its directory is made for it). Implies -Log.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AccountNameCompleter))]
    public string? LogUser { get; set; }

    /// <summary>Write ./down: supervise does not start the service by itself (Start-SvService does).</summary>
    [Parameter]
    public SwitchParameter Down { get; set; }

    /// <summary>Leave out flag-setsid, so ./run stays in supervise's process group as under 0.76.</summary>
    [Parameter]
    public SwitchParameter NoNewSession { get; set; }

    /// <summary>notification-fd: the descriptor on which the service writes a newline once it is ready.</summary>
    [Parameter]
    [ValidateRange(3, int.MaxValue)]
    public int? ReadinessFd { get; set; }

    /// <summary>./finish: a /bin/sh command line run after each exit of ./run ($1 exit code, $2 signal, $3 name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Finish { get; set; }

    /// <summary>timeout-kill: milliseconds after a stop request before SIGKILL.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? TimeoutKill { get; set; }

    /// <summary>down-signal: the signal that stops the service instead of SIGTERM (a name such as HUP, or a number).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SignalNameCompleter))]
    public string? DownSignal { get; set; }

    /// <summary>Link the new service into the scan directory (Enable-SvService).</summary>
    [Parameter]
    public SwitchParameter Enable { get; set; }

    /// <summary>The scan directory for -Enable (default: $env:SVDIR, else /etc/service).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ScanDirectory { get; set; }

    /// <summary>With -Enable: wait until svscan runs the service (and its logger).</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Seconds -Wait waits.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public double Timeout { get; set; } = 30;

    /// <summary>Replace an existing service directory of that name (refused while a supervise runs in it).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        if (Wait && !Enable)
        {
            ThrowFailure(new ArgumentException("-Wait waits until svscan runs the new service: give -Enable with it."), ErrorId.WaitWithoutEnable, null);
        }
        // The run scripts name these (from ServicePrograms.Folder, a copy of them or the system folder they link to): each must be the module's own binary, and executable.
        try
        {
            foreach (string program in ChainPrograms) ModulePrograms.Require(program);
        }
        catch (ModuleProgramException e)
        {
            ThrowFailure(e, ErrorId.ModuleProgramUnavailable, e.Path);
        }
        try
        {
            _programs = ServicePrograms.Folder();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteWarning($"Cannot keep the programs where a module update leaves them ({e.Message}): the run scripts name {ModuleFolder.Bin}, which updating or uninstalling this version of the module removes.");
        }
    }

    protected override void ProcessRecord()
    {
        ServiceLayout layout;
        try
        {
            layout = new ServiceLayout(Definition(), _programs);
        }
        catch (ArgumentException e)
        {
            WriteFailure(e, ErrorId.InvalidServiceDefinition, Name);
            return;
        }
        string repository = GetUnresolvedProviderPathFromPSPath(Path);
        string target = System.IO.Path.Combine(repository, Name);
        string? scan = Enable ? ScanDirectoryPath(ScanDirectory) : null;
        if (!ShouldProcess(target, scan is null ? "Create service directory" : $"Create service directory and enable it in {scan}")) return;
        try
        {
            if (scan is not null) ServiceLink.RequireAvailable(scan, target);
            string created = ServiceCreation.Create(repository, layout, Force);
            ServiceStatus? status = null;
            if (scan is not null)
            {
                EnabledService entry = ServiceLink.Enable(scan, created, null, out _);
                if (Wait) status = AwaitRunning(entry, Timeout, Cancellation);
            }
            WriteStatus(created, status);
        }
        catch (ServiceLifecycleException e)
        {
            WriteFailure(e);
        }
    }

    private ServiceDefinition Definition()
    {
        bool log = Log || LogPath is not null || LogMaxSize is not null || LogMaxFiles is not null || LogUser is not null;
        return new ServiceDefinition(Name, Command)
        {
            User = User,
            Environment = Variables(),
            WorkingDirectory = WorkingDirectory is null ? null : GetUnresolvedProviderPathFromPSPath(WorkingDirectory),
            MemoryLimit = MemoryLimit,
            OpenFilesLimit = OpenFilesLimit,
            Down = Down,
            NewSession = !NoNewSession,
            ReadinessFd = ReadinessFd,
            Finish = Finish,
            TimeoutKill = TimeoutKill,
            DownSignal = DownSignal,
            Logger = log ? new LoggerDefinition { Directory = LogPath ?? "./main", MaxFileSize = LogMaxSize, MaxFiles = LogMaxFiles, User = LogUser } : null,
        };
    }

    private Dictionary<string, string?> Variables()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (Environment is null) return variables;
        foreach (DictionaryEntry entry in Environment)
        {
            string name = LanguagePrimitives.ConvertTo<string>(entry.Key);
            variables[name] = entry.Value is null ? null : LanguagePrimitives.ConvertTo<string>(entry.Value);
        }
        return variables;
    }
}
