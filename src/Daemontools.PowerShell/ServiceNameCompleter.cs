using System.Collections;
using Daemontools.Engine.Lifecycle;

namespace Daemontools.PowerShell;

/// <summary>Completes -Name with the services of the scan directory (-ScanDirectory when typed, else $env:SVDIR, else /etc/service) and their loggers as NAME/log.</summary>
public sealed class ServiceNameCompleter : WordCompleter
{
    /// <inheritdoc />
    protected override IEnumerable<CompletionResult> Complete(string typed, IDictionary boundParameters)
    {
        string scan = ScanDirectoryLocation.Resolve(boundParameters["ScanDirectory"] as string);
        IReadOnlyList<EnabledService> services;
        try
        {
            services = EnabledServices.In(scan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        var pattern = new WildcardPattern(WildcardPattern.Escape(typed) + "*", WildcardOptions.None);
        foreach (EnabledService service in services)
        {
            if (pattern.IsMatch(service.Name)) yield return Result(service.Name, service.Path);
            if (service.HasLog && pattern.IsMatch(service.LogName)) yield return Result(service.LogName, service.LogPath);
        }
    }
}
