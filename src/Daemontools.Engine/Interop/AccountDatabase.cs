using System.Text;

namespace Daemontools.Engine.Interop;

/// <summary>One passwd entry as NSS returns it.</summary>
public readonly record struct PasswdEntry(string Name, uint Uid, uint Gid, string Home, string Shell);

/// <summary>Account lookups through NSS (getpwnam_r, getgrouplist): files, LDAP, whatever nsswitch.conf says.</summary>
public static unsafe class AccountDatabase
{
    /// <summary>getpwnam: the entry, or null when NSS knows no such account (or cannot answer, as the original treats both).</summary>
    public static PasswdEntry? FindByName(string name)
    {
        if (StaticLinking.IsStatic) return StaticAccountLookup.FindByName(name);
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
        // Only pwsh asks (Invoke-SetUidGid -AllGroups); the static binary must not load NSS modules.
        if (StaticLinking.IsStatic) throw new PlatformNotSupportedException("getgrouplist in the static binary");
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

    private static string Text(byte* value) => value == null ? string.Empty : Encoding.UTF8.GetString(NativeByteString.Read(value));
}
