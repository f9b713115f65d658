using System.Runtime.InteropServices;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Interop;

/// <summary>getrlimit, setrlimit and prlimit on raw RLIMIT_* numbers.</summary>
internal static unsafe partial class Limits
{
    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    /// <summary>getrlimit(2).</summary>
    public static Errno Get(int resource, out ulong soft, out ulong hard)
    {
        RLimit limit;
        int r = getrlimit(resource, &limit);
        soft = limit.Current;
        hard = limit.Maximum;
        return LastError.Of(r);
    }

    /// <summary>setrlimit(2).</summary>
    public static Errno Set(int resource, ulong soft, ulong hard)
    {
        var limit = new RLimit { Current = soft, Maximum = hard };
        return LastError.Of(setrlimit(resource, &limit));
    }

    /// <summary>prlimit(2) on another process: its soft limit to <paramref name="soft"/>, clamped to its hard limit.</summary>
    public static Errno SetSoft(int pid, int resource, ulong soft)
    {
        RLimit old;
        if (prlimit(pid, resource, null, &old) != 0) return LastError.Value;
        var limit = new RLimit { Current = Math.Min(soft, old.Maximum), Maximum = old.Maximum };
        return LastError.Of(prlimit(pid, resource, &limit, null));
    }

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int getrlimit(int resource, RLimit* limit);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int setrlimit(int resource, RLimit* limit);

    [LibraryImport(Linux.LibC, SetLastError = true)]
    private static partial int prlimit(int pid, int resource, RLimit* newLimit, RLimit* oldLimit);
}
