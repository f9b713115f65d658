using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Daemontools.Engine.ProcessState;

namespace Daemontools.PowerShell;

/// <summary>Completes -User and -LogUser with the machine's account names.</summary>
public sealed class AccountNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string typed = wordToComplete.Trim('\'', '"');
        foreach (Account account in Account.All().Where(a => a.Name.StartsWith(typed, StringComparison.Ordinal)).OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            yield return new CompletionResult(account.Name, account.Name, CompletionResultType.ParameterValue, $"{account.Name} (uid {account.UserId}, {account.Home})");
        }
    }
}
