using System.Runtime.InteropServices;
using System.Text;

namespace Daemontools.Engine.Interop;

/// <summary>One passwd entry as NSS returns it.</summary>
public readonly record struct PasswdEntry(string Name, uint Uid, uint Gid, string Home, string Shell);

/// <summary>Account lookups through NSS (getpwnam_r, getgrouplist): files, LDAP, whatever nsswitch.conf says.</summary>
public static unsafe partial class AccountDatabase
{
    /// <summary>getpwnam: the entry, or null when NSS knows no such account (or cannot answer, as the original treats both).</summary>
    public static PasswdEntry? FindByName(string name)
    {
        for (nuint size = 1024; size <= 1 << 20; size *= 4)
        {
            byte[] buffer = new byte[size];
            ProcessStateNative.Passwd pwd;
            ProcessStateNative.Passwd* result;
            int error;
            fixed (byte* b = buffer) error = ProcessStateNative.getpwnam_r(name, &pwd, b, size, &result);
            if (error == Errno.ERANGE) continue;
            if (error != 0 || result == null) return null;
            return new PasswdEntry(Text(pwd.Name), pwd.Uid, pwd.Gid, Text(pwd.Home), Text(pwd.Shell));
        }
        return null;
    }

    /// <summary>getgrouplist: every group <paramref name="user"/> belongs to, <paramref name="gid"/> first.</summary>
    public static uint[] GroupList(string user, uint gid)
    {
        int count = 32;
        while (true)
        {
            uint[] groups = new uint[count];
            int n = count;
            int r;
            fixed (uint* g = groups) r = ProcessStateNative.getgrouplist(user, gid, g, &n);
            if (r >= 0) return groups.AsSpan(0, n).ToArray();
            count = Math.Max(n, count * 2);
        }
    }

    /// <summary>Every account NSS enumerates (setpwent, getpwent_r, endpwent), in its order; accounts NSS cannot list (some LDAP setups) are missing.</summary>
    public static List<PasswdEntry> All()
    {
        var entries = new List<PasswdEntry>();
        byte[] buffer = new byte[16384];
        // The enumeration's position is process-wide state: one enumeration at a time.
        lock (Enumeration)
        {
            setpwent();
            try
            {
                while (true)
                {
                    ProcessStateNative.Passwd pwd;
                    ProcessStateNative.Passwd* result;
                    int error;
                    fixed (byte* b = buffer) error = getpwent_r(&pwd, b, (nuint)buffer.Length, &result);
                    if (error == Errno.ERANGE)
                    {
                        buffer = new byte[buffer.Length * 4];
                        continue;
                    }
                    if (error != 0 || result == null) return entries;
                    entries.Add(new PasswdEntry(Text(pwd.Name), pwd.Uid, pwd.Gid, Text(pwd.Home), Text(pwd.Shell)));
                }
            }
            finally
            {
                endpwent();
            }
        }
    }

    private static readonly object Enumeration = new();

    [LibraryImport("libc.so.6", EntryPoint = "setpwent")]
    private static partial void setpwent();

    [LibraryImport("libc.so.6", EntryPoint = "getpwent_r")]
    private static partial int getpwent_r(ProcessStateNative.Passwd* pwd, byte* buffer, nuint size, ProcessStateNative.Passwd** result);

    [LibraryImport("libc.so.6", EntryPoint = "endpwent")]
    private static partial void endpwent();

    private static string Text(byte* value) => value == null ? string.Empty : Encoding.UTF8.GetString(NativeByteString.Read(value));
}
