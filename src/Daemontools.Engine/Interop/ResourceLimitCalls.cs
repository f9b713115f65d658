using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>getrlimit/setrlimit on raw resource numbers; errno is returned (0 on success).</summary>
public static unsafe class ResourceLimitCalls
{
    /// <summary>RLIM_INFINITY.</summary>
    public const ulong Infinity = ulong.MaxValue;

    /// <summary>getrlimit(2).</summary>
    public static int Get(int resource, out ulong soft, out ulong hard)
    {
        ProcessStateNative.RLimit limit;
        int r = ProcessStateNative.getrlimit(resource, &limit);
        soft = limit.Current;
        hard = limit.Maximum;
        return r == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>setrlimit(2).</summary>
    public static int Set(int resource, ulong soft, ulong hard)
    {
        var limit = new ProcessStateNative.RLimit { Current = soft, Maximum = hard };
        return ProcessStateNative.setrlimit(resource, &limit) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }
}
