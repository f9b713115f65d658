using System.Collections;
using Daemontools.Engine.Supervision;

namespace Daemontools.PowerShell;

/// <summary>Completes -DownSignal with the signal names a down-signal file takes (a number works too).</summary>
public sealed class SignalNameCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<CompletionResult> Complete(string typed, IDictionary boundParameters)
    {
        string name = typed.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? typed[3..] : typed;
        return SignalNames.Known.Where(n => n.StartsWith(name, StringComparison.OrdinalIgnoreCase)).Select(n => Result(n, "SIG" + n));
    }
}
