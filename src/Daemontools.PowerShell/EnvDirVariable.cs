namespace Daemontools.PowerShell;

/// <summary>One variable an env directory sets, or removes (a null <see cref="Value"/>).</summary>
public sealed class EnvDirVariable
{
    /// <summary>Creates the entry.</summary>
    public EnvDirVariable(string name, string? value, string directory)
    {
        Name = name;
        Value = value;
        Directory = directory;
    }

    /// <summary>The variable (the file's name).</summary>
    public string Name { get; }

    /// <summary>Its value, or null when the directory removes it (an empty file).</summary>
    public string? Value { get; }

    /// <summary>True when the directory removes the variable.</summary>
    public bool Removes => Value is null;

    /// <summary>The env directory.</summary>
    public string Directory { get; }

    /// <summary>NAME=value, or NAME (removed).</summary>
    public override string ToString() => Value is null ? $"{Name} (removed)" : $"{Name}={Value}";
}
