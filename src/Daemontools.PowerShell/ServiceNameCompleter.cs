using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Daemontools.Engine.Lifecycle;

namespace Daemontools.PowerShell;

/// <summary>Completes -Name with the services of the scan directory (-ScanDirectory when typed, else $env:SVDIR, else /etc/service) and their loggers as NAME/log.</summary>
public sealed class ServiceNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string scan = ScanDirectoryLocation.Resolve(fakeBoundParameters["ScanDirectory"] as string);
        IReadOnlyList<EnabledService> services;
        try
        {
            services = EnabledServices.In(scan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        string typed = wordToComplete.Trim('\'', '"');
        var pattern = new WildcardPattern(WildcardPattern.Escape(typed) + "*", WildcardOptions.None);
        foreach (EnabledService service in services)
        {
            if (pattern.IsMatch(service.Name)) yield return Result(service.Name, service.Path);
            if (service.HasLog && pattern.IsMatch(service.LogName)) yield return Result(service.LogName, service.LogPath);
        }
    }

    private static CompletionResult Result(string name, string path)
    {
        bool plain = name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '@' or '+' or ':');
        return new CompletionResult(plain ? name : "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'", name, CompletionResultType.ParameterValue, path);
    }
}
