namespace Daemontools.Commands.Tests.Support;

/// <summary>A fresh directory under /tmp, removed with everything in it when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("dt-test-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a test that left a process writing here has failed already
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
