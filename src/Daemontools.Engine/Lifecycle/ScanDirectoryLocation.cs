namespace Daemontools.Engine.Lifecycle;

/// <summary>Which scan directory a service name refers to when none is given: $SVDIR (runit's convention), else /etc/service.</summary>
public static class ScanDirectoryLocation
{
    /// <summary>The scan directory of daemontools' FHS layout.</summary>
    public const string Default = "/etc/service";

    /// <summary>The environment variable that names another one.</summary>
    public const string Variable = "SVDIR";

    /// <summary><paramref name="requested"/> when given, else $SVDIR when set and not empty, else <see cref="Default"/>.</summary>
    public static string Resolve(string? requested)
    {
        if (!string.IsNullOrEmpty(requested)) return requested;
        string? fromEnvironment = Environment.GetEnvironmentVariable(Variable);
        return string.IsNullOrEmpty(fromEnvironment) ? Default : fromEnvironment;
    }
}
