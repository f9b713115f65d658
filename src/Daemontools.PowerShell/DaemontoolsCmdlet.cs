using System.Management.Automation;

namespace Daemontools.PowerShell;

/// <summary>What every cmdlet of the module shares: one way to write errors with stable ids.</summary>
public abstract class DaemontoolsCmdlet : PSCmdlet
{
    /// <summary>Writes a non-terminating error with a stable id, category and target.</summary>
    protected void WriteFailure(Exception exception, string errorId, ErrorCategory category, object? target) =>
        WriteError(new ErrorRecord(exception, errorId, category, target));

    /// <summary>Stops the pipeline with a terminating error with a stable id, category and target.</summary>
    protected void ThrowFailure(Exception exception, string errorId, ErrorCategory category, object? target) =>
        ThrowTerminatingError(new ErrorRecord(exception, errorId, category, target));
}
