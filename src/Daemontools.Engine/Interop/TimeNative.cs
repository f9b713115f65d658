using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>The clock and the C library's local-time conversion (which honours TZ and leap-second zones exactly as the originals do).</summary>
internal static unsafe partial class TimeNative
{
    private const int ClockRealtime = 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>glibc's struct tm on LP64 targets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Tm
    {
        public int Second, Minute, Hour, Day, Month, Year, WeekDay, YearDay, IsDst;
        public long GmtOffset;
        public IntPtr Zone;
    }

    [LibraryImport("libc.so.6", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, Timespec* ts);

    [LibraryImport("libc.so.6", EntryPoint = "localtime_r")]
    private static partial Tm* LocalTimeR(long* time, Tm* result);

    /// <summary>The wall clock as Unix seconds and nanoseconds.</summary>
    public static (long Seconds, long Nanoseconds) Now()
    {
        Timespec ts;
        ClockGetTime(ClockRealtime, &ts);
        return (ts.Seconds, ts.Nanoseconds);
    }

    /// <summary>localtime_r; false where the C library cannot represent the time.</summary>
    public static bool TryLocalTime(long unixSeconds, out Tm tm)
    {
        Tm result;
        bool ok = LocalTimeR(&unixSeconds, &result) != null;
        tm = result;
        return ok;
    }
}
