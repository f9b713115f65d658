using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Daemontools.PowerShell;

/// <summary>Completes -DownSignal with the signal names a down-signal file takes.</summary>
public sealed class SignalNameCompleter : IArgumentCompleter
{
    // The names a service is commonly stopped with first; any name or number is accepted.
    private static readonly string[] Names = ["TERM", "HUP", "INT", "QUIT", "USR1", "USR2", "WINCH", "ALRM", "KILL", "ABRT", "CONT", "STOP", "PWR"];

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string typed = wordToComplete.Trim('\'', '"');
        if (typed.StartsWith("SIG", StringComparison.OrdinalIgnoreCase)) typed = typed[3..];
        foreach (string name in Names)
        {
            if (name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)) yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, "SIG" + name);
        }
    }
}
