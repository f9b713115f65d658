namespace Daemontools.Engine.Unix;

/// <summary>How a child ended, as waitpid reports it.</summary>
public readonly record struct WaitStatus(int Raw)
{
    /// <summary>The child called exit.</summary>
    public bool Exited => (Raw & 0x7f) == 0;

    /// <summary>The exit code, when <see cref="Exited"/>.</summary>
    public int ExitCode => (Raw >> 8) & 0xff;

    /// <summary>A signal ended the child.</summary>
    public bool Signaled => (Raw & 0x7f) != 0 && (Raw & 0x7f) != 0x7f;

    /// <summary>The signal that ended it, when <see cref="Signaled"/>.</summary>
    public Signal Signal => (Signal)(Raw & 0x7f);

    /// <summary>The child dumped core.</summary>
    public bool CoreDumped => (Raw & 0x80) != 0;
}
