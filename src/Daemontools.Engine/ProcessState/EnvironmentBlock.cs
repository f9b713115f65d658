using System.Text;
using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// An environment as the next program will receive it: "NAME=value" entries as bytes, in order.
/// Changes follow daemontools' pathexec_env exactly: the first entry with the same name is
/// removed (the last entry moves into its place) and the new one is appended.
/// </summary>
public sealed class EnvironmentBlock
{
    private readonly List<byte[]> _entries;

    /// <summary>Creates a block holding <paramref name="entries"/> ("NAME=value" byte strings).</summary>
    public EnvironmentBlock(IEnumerable<byte[]> entries)
    {
        _entries = [.. entries];
    }

    /// <summary>The entries, in the order exec passes them.</summary>
    public IReadOnlyList<byte[]> Entries => _entries;

    /// <summary>This process's environment (environ).</summary>
    public static EnvironmentBlock FromProcess() => new(ProcessEnvironment.Read());

    /// <summary>A copy that can be changed independently.</summary>
    public EnvironmentBlock Clone() => new(_entries);

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, or removes it when value is null (pathexec_env).</summary>
    public void Set(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool remove = false)
    {
        byte[] entry = remove ? name.ToArray() : [.. name, (byte)'=', .. value];
        int split = entry.AsSpan().IndexOf((byte)'=');
        if (split < 0) split = entry.Length;
        for (int i = 0; i < _entries.Count; i++)
        {
            byte[] existing = _entries[i];
            if (existing.Length > split && existing[split] == (byte)'=' && existing.AsSpan(0, split).SequenceEqual(entry.AsSpan(0, split)))
            {
                _entries[i] = _entries[^1];
                _entries.RemoveAt(_entries.Count - 1);
                break;
            }
        }
        // A name holding '=' is kept even for a removal, as the original does ("A=B" empty sets A to "B").
        if (split < entry.Length) _entries.Add(entry);
    }

    /// <summary>Sets (or with a null value removes) a variable given as text.</summary>
    public void Set(string name, string? value)
    {
        if (value is null) Set(Encoding.UTF8.GetBytes(name), default, remove: true);
        else Set(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Applies what an env directory says, in its order.</summary>
    public void Apply(IEnumerable<EnvDirectoryEntry> entries)
    {
        foreach (EnvDirectoryEntry entry in entries) Set(entry.Name, entry.Value ?? [], remove: entry.Value is null);
    }

    /// <summary>envuidgid's variables: GID, then UID, the account's ids in decimal.</summary>
    public void SetIds(Account account)
    {
        Set("GID", account.GroupId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("UID", account.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The value of the first entry named <paramref name="name"/>, or null (getenv).</summary>
    public byte[]? Get(ReadOnlySpan<byte> name)
    {
        foreach (byte[] entry in _entries)
        {
            if (entry.Length > name.Length && entry[name.Length] == (byte)'=' && entry.AsSpan(0, name.Length).SequenceEqual(name))
            {
                return entry[(name.Length + 1)..];
            }
        }
        return null;
    }

    /// <summary>The value of <paramref name="name"/> as text, or null.</summary>
    public string? Get(string name)
    {
        byte[]? value = Get(Encoding.UTF8.GetBytes(name));
        return value is null ? null : Encoding.UTF8.GetString(value);
    }

    /// <summary>The entries as text, "NAME=value".</summary>
    public IEnumerable<string> ToStrings()
    {
        foreach (byte[] e in _entries) yield return Encoding.UTF8.GetString(e);
    }
}
