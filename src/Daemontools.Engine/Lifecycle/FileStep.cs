namespace Daemontools.Engine.Lifecycle;

/// <summary>File-system steps of the lifecycle operations, failing as <see cref="LifecycleStep.FileSystem"/> with the path concerned.</summary>
internal static class FileStep
{
    /// <summary>Runs <paramref name="step"/>; an I/O or permission failure becomes a <see cref="ServiceLifecycleException"/>.</summary>
    public static void Attempt(string path, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceLifecycleException(LifecycleStep.FileSystem, path, inner: e);
        }
    }

    /// <summary>Sets the permission bits exactly (the umask applied at creation is undone).</summary>
    public static void SetMode(string path, UnixFileMode mode)
    {
#pragma warning disable CA1416 // the engine runs on Linux only
        File.SetUnixFileMode(path, mode);
#pragma warning restore CA1416
    }
}
