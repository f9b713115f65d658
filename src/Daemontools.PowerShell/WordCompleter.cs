using System.Collections;
using System.Management.Automation.Language;

namespace Daemontools.PowerShell;

/// <summary>
/// What the module's argument completers share: the word as typed, without the quotes a user may
/// have opened, and results that are quoted only when PowerShell would not read the name as one word.
/// </summary>
public abstract class WordCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Complete(wordToComplete.Trim('\'', '"'), fakeBoundParameters);

    /// <summary>The completions of <paramref name="typed"/>, given the parameters bound so far.</summary>
    protected abstract IEnumerable<CompletionResult> Complete(string typed, IDictionary boundParameters);

    /// <summary>A completion of <paramref name="name"/>, described by <paramref name="tooltip"/>.</summary>
    protected static CompletionResult Result(string name, string tooltip)
    {
        bool plain = name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '@' or '+' or ':');
        return new CompletionResult(plain ? name : "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'", name, CompletionResultType.ParameterValue, tooltip);
    }
}
