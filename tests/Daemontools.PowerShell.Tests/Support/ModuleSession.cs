using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace Daemontools.PowerShell.Tests.Support;

/// <summary>
/// A hosted PowerShell 7.6 runspace with the built module imported from out/Daemontools,
/// and a capturing host so format views can be rendered and read back.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    public static string RepoRoot { get; } = typeof(ModuleSession).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string ManifestPath { get; } = Path.Combine(RepoRoot, "out", "Daemontools", "Daemontools.psd1");

    public ModuleSession()
    {
        Host = new CapturingHost();
        var state = InitialSessionState.CreateDefault2();
        Runspace = RunspaceFactory.CreateRunspace(Host, state);
        Runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create(Runspace);
        ps.AddCommand("Import-Module").AddParameter("Name", ManifestPath).AddParameter("PassThru");
        ImportResult = ps.Invoke();
        ImportErrors = ps.Streams.Error.ToList();
    }

    public CapturingHost Host { get; }

    public Runspace Runspace { get; }

    public Collection<PSObject> ImportResult { get; }

    public IReadOnlyList<ErrorRecord> ImportErrors { get; }

    /// <summary>Runs a script; returns the output and the error stream.</summary>
    public (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = System.Management.Automation.PowerShell.Create(Runspace);
        if (variables is not null)
        {
            foreach ((string name, object? value) in variables) Runspace.SessionStateProxy.SetVariable(name, value);
        }
        ps.AddScript(script);
        Collection<PSObject> output = ps.Invoke();
        return (output, ps.Streams.Error.ToList());
    }

    /// <summary>Runs a script and asserts it wrote no errors.</summary>
    public Collection<PSObject> RunClean(string script, IDictionary<string, object?>? variables = null)
    {
        (Collection<PSObject> output, IReadOnlyList<ErrorRecord> errors) = Run(script, variables);
        Assert.True(errors.Count == 0, "unexpected errors: " + string.Join("; ", errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return output;
    }

    /// <summary>Renders what the script outputs through Out-Default, as a console would show it.</summary>
    public string Render(string script, IDictionary<string, object?>? variables = null)
    {
        Host.Clear();
        RunClean(script + " | Out-Default", variables);
        return Host.Text;
    }

    public void Dispose() => Runspace.Dispose();
}
