namespace Daemontools.Engine.Interop;

/// <summary>The two ends of a pipe.</summary>
internal readonly record struct PipePair(Descriptor Read, Descriptor Write)
{
    /// <summary>Closes both ends.</summary>
    public void Close()
    {
        Read.Close();
        Write.Close();
    }
}
