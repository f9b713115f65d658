using System.Runtime.InteropServices;

namespace Daemontools.Engine.Interop;

/// <summary>The wall clock (CLOCK_REALTIME) and the C library's local-time conversion (which honours TZ and leap-second zones exactly as the originals do).</summary>
internal static unsafe partial class RealTime
{
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

    /// <summary>The wall clock as Unix seconds and nanoseconds.</summary>
    public static (long Seconds, long Nanoseconds) Now()
    {
        Timespec ts;
        clock_gettime(Linux.CLOCK_REALTIME, &ts);
        return (ts.Seconds, ts.Nanoseconds);
    }

    /// <summary>localtime_r; false where the C library cannot represent the time.</summary>
    public static bool TryLocalTime(long unixSeconds, out Tm tm)
    {
        Tm result;
        bool ok = localtime_r(&unixSeconds, &result) != null;
        tm = result;
        return ok;
    }

    [LibraryImport(Linux.LibC)]
    private static partial int clock_gettime(int clock, Timespec* ts);

    [LibraryImport(Linux.LibC)]
    private static partial Tm* localtime_r(long* time, Tm* result);
}
