using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>Signal dispositions the programs must put right before behaving like their C originals.</summary>
public static unsafe class Signals
{
    /// <summary>
    /// The .NET runtime ignores SIGPIPE; the originals die of it, and an ignored disposition
    /// would survive every exec into the services. Restore the default.
    /// </summary>
    public static void RestoreDefaultPipeSignal() => SetDefault(LibC.SIGPIPE);

    /// <summary>Sets the disposition of <paramref name="signal"/> to SIG_DFL.</summary>
    public static void SetDefault(int signal)
    {
        sigaction action = default;
        action.sa_handler = LibC.SIG_DFL;
        LibC.sigaction(signal, &action, null);
    }
}
