using System.Text;

namespace Daemontools.Engine.ProcessState;

/// <summary>One file of an env directory: the variable it names and the value it gives, or null when it removes the variable.</summary>
public sealed record EnvDirectoryEntry(byte[] Name, byte[]? Value)
{
    /// <summary>The file name as text.</summary>
    public string NameText => Encoding.UTF8.GetString(Name);

    /// <summary>The value as text, or null for a removal.</summary>
    public string? ValueText => Value is null ? null : Encoding.UTF8.GetString(Value);
}
