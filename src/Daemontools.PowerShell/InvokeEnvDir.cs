using Daemontools.Engine.ProcessState;

namespace Daemontools.PowerShell;

/// <summary>
/// envdir for pwsh: runs a script block with an env directory's variables applied to the session's
/// environment (restored afterwards), or runs a program with them.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "EnvDir", DefaultParameterSetName = ScriptSet, SupportsShouldProcess = true)]
[OutputType(typeof(object))]
public sealed class InvokeEnvDir : ProgramInvocationCmdlet
{
    private const string ScriptSet = "ScriptBlock";
    private const string ProgramSet = "Program";

    /// <summary>The env directory.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = string.Empty;

    /// <summary>Runs in the current scope with the variables applied.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ScriptSet)]
    public ScriptBlock ScriptBlock { get; set; } = ScriptBlock.Create(string.Empty);

    /// <inheritdoc/>
    [Parameter(Mandatory = true, ParameterSetName = ProgramSet)]
    public override string FilePath { get; set; } = string.Empty;

    /// <inheritdoc/>
    [Parameter(ParameterSetName = ProgramSet, Position = 1, ValueFromRemainingArguments = true)]
    public override string[] ArgumentList { get; set; } = [];

    protected override void EndProcessing()
    {
        string directory = GetUnresolvedProviderPathFromPSPath(Path);
        if (ReadEnvDirectory(directory, Path, terminating: true) is not { } entries) return;
        EnvironmentBlock environment = SessionEnvironment();
        environment.Apply(entries);
        if (ParameterSetName == ProgramSet)
        {
            if (ShouldProcess(FilePath, $"Run with the variables of {directory}")) Run(Launch(environment));
            return;
        }
        if (ShouldProcess(directory, "Apply to the session's environment while the script block runs")) RunScriptBlock(environment);
    }

    private void RunScriptBlock(EnvironmentBlock environment)
    {
        var before = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables()) before[(string)e.Key] = (string?)e.Value;
        Dictionary<string, string> after = Variables(environment);
        try
        {
            foreach (string name in before.Keys.Where(n => !after.ContainsKey(n))) Environment.SetEnvironmentVariable(name, null);
            foreach ((string name, string value) in after) Environment.SetEnvironmentVariable(name, value);
            foreach (PSObject result in InvokeCommand.InvokeScript(false, ScriptBlock, null)) WriteObject(result);
        }
        finally
        {
            foreach (string name in after.Keys.Where(n => !before.ContainsKey(n))) Environment.SetEnvironmentVariable(name, null);
            foreach ((string name, string? value) in before) Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static Dictionary<string, string> Variables(EnvironmentBlock environment)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in environment.ToStrings())
        {
            int split = entry.IndexOf('=', StringComparison.Ordinal);
            if (split > 0) variables.TryAdd(entry[..split], entry[(split + 1)..]);
        }
        return variables;
    }
}
