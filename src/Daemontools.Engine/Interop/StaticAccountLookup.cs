using System.Text;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>
/// getpwnam for the statically linked binary, which must not load NSS modules. When
/// nsswitch.conf consults files first with its default actions (Debian's "passwd: files systemd"),
/// /etc/passwd is read in-process, exactly as the files module would answer; an account found
/// there ends the lookup as it does in NSS. Anything else (not in the file, or another order such
/// as "sss files", LDAP, systemd's dynamic users) is asked of daemontools-getpwnam, a small
/// dynamically linked companion installed next to the binary, which calls the real getpwnam:
/// every NSS source still answers, at the cost of one short-lived process.
/// </summary>
internal static class StaticAccountLookup
{
    private const string NsswitchConf = "/etc/nsswitch.conf", PasswdPath = "/etc/passwd";

    /// <summary>The companion program, next to this executable.</summary>
    public const string CompanionName = "daemontools-getpwnam";

    /// <summary>The entry, or null when no source knows the account (or none can answer).</summary>
    public static PasswdEntry? FindByName(string name)
    {
        if (FilesFirst(ReadOrEmpty(NsswitchConf)) && PasswdFile.Find(ReadOrEmpty(PasswdPath), name) is { } entry) return entry;
        return AskCompanion(name);
    }

    /// <summary>
    /// True when the passwd database consults files first and returns what files finds: a
    /// "passwd:" line whose first source is "files" without an action list, or no such line
    /// (glibc's default is files alone).
    /// </summary>
    internal static bool FilesFirst(ReadOnlySpan<byte> nsswitch)
    {
        while (!nsswitch.IsEmpty)
        {
            int end = nsswitch.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? nsswitch : nsswitch[..end];
            nsswitch = end < 0 ? [] : nsswitch[(end + 1)..];
            int hash = line.IndexOf((byte)'#');
            if (hash >= 0) line = line[..hash];
            line = line.Trim(" \t"u8);
            if (!line.StartsWith("passwd"u8)) continue;
            ReadOnlySpan<byte> sources = line["passwd".Length..].TrimStart(" \t"u8);
            if (sources.IsEmpty || sources[0] != ':') continue;
            sources = sources[1..].TrimStart(" \t"u8);
            int stop = sources.IndexOfAny(" \t["u8);
            ReadOnlySpan<byte> first = stop < 0 ? sources : sources[..stop];
            ReadOnlySpan<byte> after = stop < 0 ? [] : sources[stop..].TrimStart(" \t"u8);
            return first.SequenceEqual("files"u8) && (after.IsEmpty || after[0] != '[');
        }
        return true;
    }

    private static byte[] ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Runs the companion with the name; it writes name, uid, gid, home and shell, each ending in
    /// a NUL, and exits 0, or writes nothing when there is no such account. A companion that
    /// cannot run means no answer, as an NSS failure does for getpwnam.
    /// </summary>
    private static PasswdEntry? AskCompanion(string name)
    {
        string companion = Path.Combine(AppContext.BaseDirectory, CompanionName);
        if (Pipe.Create(out PipePair pipe) != Errno.None) return null;
        SpawnResult spawned = Spawner.Spawn(new SpawnRequest(companion, [companion, name]) { Descriptors = [(pipe.Write, 1)] });
        pipe.Write.Close();
        var output = new MemoryStream();
        byte[] buffer = new byte[4096];
        if (spawned.Started)
        {
            while (pipe.Read.Read(buffer, out int n) == Errno.None && n > 0) output.Write(buffer, 0, n);
            try
            {
                spawned.Child.Wait();
            }
            catch (SystemCallException)
            {
                // Already reaped by the kernel (an inherited SIGCHLD = SIG_IGN): the output is what counts.
            }
        }
        pipe.Read.Close();
        return Parse(output.GetBuffer().AsSpan(0, (int)output.Length));
    }

    private static PasswdEntry? Parse(ReadOnlySpan<byte> record)
    {
        var fields = new string[5];
        for (int i = 0; i < fields.Length; i++)
        {
            int nul = record.IndexOf((byte)0);
            if (nul < 0) return null;
            fields[i] = Encoding.UTF8.GetString(record[..nul]);
            record = record[(nul + 1)..];
        }
        return uint.TryParse(fields[1], out uint uid) && uint.TryParse(fields[2], out uint gid)
            ? new PasswdEntry(fields[0], uid, gid, fields[3], fields[4])
            : null;
    }
}
