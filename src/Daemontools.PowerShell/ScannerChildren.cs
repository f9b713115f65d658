using System.Collections.Concurrent;
using Daemontools.Engine.Scanning;

namespace Daemontools.PowerShell;

/// <summary>
/// The svscans this process started and that are still its children, by svscan's pid, so that
/// Stop-SvScan in any runspace of the process can wait until they are reaped, not just gone.
/// </summary>
internal static class ScannerChildren
{
    private static readonly ConcurrentDictionary<int, ScannerChild> Started = new();

    /// <summary>Remembers <paramref name="child"/> as the process that runs the svscan with pid <paramref name="scannerPid"/>.</summary>
    public static void Add(int scannerPid, ScannerChild child) => Started[scannerPid] = child;

    /// <summary>Waits (up to <paramref name="timeout"/>) until svscan <paramref name="scannerPid"/> has been reaped; true at once for an svscan another process started.</summary>
    public static bool AwaitReaped(int scannerPid, TimeSpan timeout)
    {
        if (!Started.TryGetValue(scannerPid, out ScannerChild? child)) return true;
        if (!child.WaitForScannerGone(scannerPid, timeout)) return false;
        Started.TryRemove(scannerPid, out _);
        return true;
    }
}
