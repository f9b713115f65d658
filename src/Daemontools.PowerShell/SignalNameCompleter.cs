using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Completes -DownSignal with the signal names a down-signal file takes (a number works too).</summary>
public sealed class SignalNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string typed = wordToComplete.Trim('\'', '"');
        if (typed.StartsWith("SIG", StringComparison.OrdinalIgnoreCase)) typed = typed[3..];
        foreach (string name in SignalNames.Known)
        {
            if (name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)) yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, "SIG" + name);
        }
    }
}
