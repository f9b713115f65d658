namespace Daemontools.PowerShell;

/// <summary>A program of the module's bin/ cannot be run as the module's own: missing, something else, or not executable.</summary>
public sealed class ModuleProgramException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>, saying why and what to do.</summary>
    public ModuleProgramException(string path, string reason, string remedy)
        : base($"The module's program {path} cannot be run: {reason}. To fix it, {remedy}.")
    {
        Path = path;
    }

    /// <summary>The program's path in the module's bin/.</summary>
    public string Path { get; }
}
