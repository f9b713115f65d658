using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.PowerShell;

/// <summary>What every cmdlet of the module shares: one way to write errors, with the stable ids of <see cref="ErrorId"/>.</summary>
public abstract class DaemontoolsCmdlet : PSCmdlet
{
    /// <summary>Writes a non-terminating error with <paramref name="id"/>'s id and category.</summary>
    protected void WriteFailure(Exception exception, ErrorId id, object? target) =>
        WriteError(Record(exception, id, target));

    /// <summary>What the env directory <paramref name="directory"/> says; null after an EnvDirectoryUnreadable error (terminating when asked).</summary>
    protected IReadOnlyList<EnvDirectoryEntry>? ReadEnvDirectory(string directory, object target, bool terminating)
    {
        try
        {
            return EnvDirectory.Read(directory);
        }
        catch (EnvDirectoryException e)
        {
            if (terminating) ThrowFailure(e, ErrorId.EnvDirectoryUnreadable, target);
            else WriteFailure(e, ErrorId.EnvDirectoryUnreadable, target);
            return null;
        }
    }

    /// <summary>
    /// A second confirmation for a high-impact action of a cmdlet whose declared impact is lower:
    /// asked unless -Confirm:$false or $ConfirmPreference = 'None' (when -Confirm was given,
    /// ShouldProcess has asked already). PowerShell fixes a cmdlet's impact in its attribute, so
    /// a per-action impact has to look at the preference itself.
    /// </summary>
    protected bool ConfirmHighImpact(string query)
    {
        if (MyInvocation.BoundParameters.ContainsKey("Confirm")) return true;
        object? preference = GetVariableValue("ConfirmPreference");
        if (preference is PSObject wrapped) preference = wrapped.BaseObject;
        if (preference is ConfirmImpact.None) return true;
        return ShouldContinue(query, "Confirm");
    }

    /// <summary>Stops the pipeline with a terminating error with <paramref name="id"/>'s id and category.</summary>
    protected void ThrowFailure(Exception exception, ErrorId id, object? target) =>
        ThrowTerminatingError(Record(exception, id, target));

    /// <summary>The error record of <paramref name="exception"/>; an engine failure is shown in the module's words (<see cref="FailureText"/>).</summary>
    private static ErrorRecord Record(Exception exception, ErrorId id, object? target) => new(exception, id.Name, id.Category, target)
    {
        ErrorDetails = exception is SystemFailureException failure ? new ErrorDetails(FailureText.Describe(failure)) : null,
    };
}
