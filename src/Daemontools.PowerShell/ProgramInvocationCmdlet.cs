using System.Collections;
using System.Text;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>
/// What the Invoke-* cmdlets that run a program under changed process state share: resolving the
/// program as PowerShell would, the session's environment and location, streaming the program's
/// stdout to the pipeline line by line, and $LASTEXITCODE as for a native command.
/// </summary>
public abstract class ProgramInvocationCmdlet : DaemontoolsCmdlet
{
    // The program comes after the one operand most of these take (the lock file, the account);
    // a cmdlet that takes it elsewhere overrides these.

    /// <summary>The program to run: a name found on $env:PATH, or a path.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public virtual string FilePath { get; set; } = string.Empty;

    /// <summary>Its arguments.</summary>
    [Parameter(Position = 2, ValueFromRemainingArguments = true)]
    public virtual string[] ArgumentList { get; set; } = [];

    /// <summary>The session's environment ($env:), as a child would inherit it.</summary>
    protected static EnvironmentBlock SessionEnvironment()
    {
        var block = new EnvironmentBlock([]);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            block.Set((string)entry.Key, (string?)entry.Value);
        }
        return block;
    }

    /// <summary>A launch of <see cref="FilePath"/> with <see cref="ArgumentList"/> in the current location.</summary>
    protected ProgramLaunch Launch(EnvironmentBlock environment, Account? account = null, bool allGroups = false, IReadOnlyList<(ResourceLimit, ulong?)>? limits = null, IReadOnlyList<LockFile>? locks = null)
    {
        string path = ResolveProgram();
        return new ProgramLaunch
        {
            Path = path,
            Arguments = [FilePath, .. ArgumentList],
            Environment = environment,
            WorkingDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath,
            Account = account,
            AllGroups = allGroups,
            Limits = limits ?? [],
            Locks = locks ?? [],
        };
    }

    /// <summary>Runs the launch: stdout lines to the pipeline, $LASTEXITCODE set; a failure to start is a terminating error.</summary>
    protected void Run(ProgramLaunch launch)
    {
        var pending = new List<byte>();
        WaitStatus status;
        try
        {
            status = launch.Run((buffer, count) =>
            {
                for (int i = 0; i < count; i++)
                {
                    if (buffer[i] != (byte)'\n')
                    {
                        pending.Add(buffer[i]);
                        continue;
                    }
                    WriteObject(Encoding.UTF8.GetString([.. pending]));
                    pending.Clear();
                }
            });
        }
        catch (ProgramLaunchException e)
        {
            ThrowFailure(e, e.Step == ProgramLaunchStep.SwitchAccount ? ErrorId.AccountSwitchFailed : ErrorId.ProgramStartFailed, FilePath);
            return;
        }
        if (pending.Count > 0) WriteObject(Encoding.UTF8.GetString([.. pending]));
        int code = status.Exited ? status.ExitCode : 128 + (int)status.Signal;
        SessionState.PSVariable.Set(new PSVariable("global:LASTEXITCODE", code));
    }

    private string ResolveProgram()
    {
        CommandInfo? command = InvokeCommand.GetCommand(FilePath, CommandTypes.Application);
        if (command is ApplicationInfo application) return application.Path;
        ThrowFailure(new FileNotFoundException($"The program '{FilePath}' was not found.", FilePath), ErrorId.ProgramNotFound, FilePath);
        return string.Empty;
    }
}
