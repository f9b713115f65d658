using Tmds.Linux;

namespace Daemontools.Engine.Interop;

/// <summary>What kind of descriptor multilog reads: only a pipe can be spliced into its journal.</summary>
public static unsafe class PipeCalls
{
    private const uint FifoType = 0x1000; // S_IFIFO

    /// <summary>True when <paramref name="fd"/> is a pipe or FIFO.</summary>
    public static bool IsPipe(int fd)
    {
        stat st;
        return LibC.fstat(fd, &st) == 0 && ((uint)st.st_mode & 0xf000) == FifoType;
    }
}
