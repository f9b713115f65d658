using System.Runtime.InteropServices;
using System.Text;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>Account lookups through NSS (getpwnam_r, getgrouplist): files, LDAP, whatever nsswitch.conf says.</summary>
internal static unsafe partial class AccountDatabase
{
    /// <summary>glibc's struct passwd on LP64.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public byte* Name;
        public byte* Password;
        public uint Uid;
        public uint Gid;
        public byte* Gecos;
        public byte* Home;
        public byte* Shell;
    }

    /// <summary>getpwnam: the entry, or null when NSS knows no such account (or cannot answer, as the original treats both).</summary>
    public static PasswdEntry? FindByName(string name)
    {
        if (StaticLinking.IsStatic) return StaticAccountLookup.FindByName(name);
        Span<byte> encoded = stackalloc byte[PathName.StackLength];
        fixed (byte* n = PathName.Encode(name, encoded))
        {
            for (nuint size = 1024; size <= 1 << 20; size *= 4)
            {
                byte[] buffer = new byte[size];
                Passwd pwd;
                Passwd* result;
                int error;
                fixed (byte* b = buffer) error = getpwnam_r(n, &pwd, b, size, &result);
                if ((Errno)error == Errno.ERANGE) continue;
                if (error != 0 || result == null) return null;
                return new PasswdEntry(Text(pwd.Name), pwd.Uid, pwd.Gid, Text(pwd.Home), Text(pwd.Shell));
            }
        }
        return null;
    }

    /// <summary>getgrouplist: every group <paramref name="user"/> belongs to, <paramref name="gid"/> first.</summary>
    public static uint[] GroupList(string user, uint gid)
    {
        // Only pwsh asks (Invoke-SetUidGid -AllGroups); the static binary must not load NSS modules.
        if (StaticLinking.IsStatic) throw new PlatformNotSupportedException("getgrouplist in the static binary");
        Span<byte> encoded = stackalloc byte[PathName.StackLength];
        fixed (byte* u = PathName.Encode(user, encoded))
        {
            int count = 32;
            while (true)
            {
                uint[] groups = new uint[count];
                int n = count;
                int r;
                fixed (uint* g = groups) r = getgrouplist(u, gid, g, &n);
                if (r >= 0) return groups.AsSpan(0, n).ToArray();
                count = Math.Max(n, count * 2);
            }
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
                    Passwd pwd;
                    Passwd* result;
                    int error;
                    fixed (byte* b = buffer) error = getpwent_r(&pwd, b, (nuint)buffer.Length, &result);
                    if ((Errno)error == Errno.ERANGE)
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

    private static string Text(byte* value) => value == null ? string.Empty : Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(value));

    [LibraryImport(Linux.LibC)]
    private static partial int getpwnam_r(byte* name, Passwd* pwd, byte* buffer, nuint size, Passwd** result);

    [LibraryImport(Linux.LibC)]
    private static partial void setpwent();

    [LibraryImport(Linux.LibC)]
    private static partial int getpwent_r(Passwd* pwd, byte* buffer, nuint size, Passwd** result);

    [LibraryImport(Linux.LibC)]
    private static partial void endpwent();

    [LibraryImport(Linux.LibC)]
    private static partial int getgrouplist(byte* user, uint group, uint* groups, int* count);
}
