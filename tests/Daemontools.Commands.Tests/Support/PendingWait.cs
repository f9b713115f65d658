using System.Diagnostics;

namespace Daemontools.Commands.Tests.Support;

/// <summary>
/// An svwait started in the background (its output goes where the test host's does). Dispose kills
/// it by pid if it is still running (a test that failed before <see cref="Finish"/>).
/// </summary>
public sealed class PendingWait(Process process) : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Its pid.</summary>
    public int Pid => process.Id;

    /// <summary>Waits for it (killing it by pid after 60 seconds) and returns its exit code and run time.</summary>
    public (int ExitCode, long Milliseconds) Finish()
    {
        using (process)
        {
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                process.WaitForExit();
                Assert.Fail("svwait did not return within 60 seconds");
            }
            return (process.ExitCode, _clock.ElapsedMilliseconds);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited) ProcessTree.Kill(process.Id, ProcessTree.SIGKILL);
        }
        catch (InvalidOperationException)
        {
            // disposed by Finish already
        }
        process.Dispose();
    }
}
