using System.Collections;
using Daemontools.Engine.ProcessState;

namespace Daemontools.PowerShell;

/// <summary>Completes -User and -LogUser with the machine's account names.</summary>
public sealed class AccountNameCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<CompletionResult> Complete(string typed, IDictionary boundParameters) =>
        Account.All()
            .Where(a => a.Name.StartsWith(typed, StringComparison.Ordinal))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => Result(a.Name, $"{a.Name} (uid {a.UserId}, {a.Home})"));
}
