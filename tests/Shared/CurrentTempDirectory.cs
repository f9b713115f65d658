namespace Daemontools.Tests.Shared;

/// <summary>
/// A fresh directory under /tmp that is the process's current directory until disposed, for code
/// that works on "." as svscan and supervise do (its tests run in a collection of their own).
/// </summary>
public sealed class CurrentTempDirectory : IDisposable
{
    private readonly string _previous = Environment.CurrentDirectory;
    private readonly TempDirectory _temp;

    public CurrentTempDirectory(string prefix)
    {
        _temp = new TempDirectory(prefix);
        Environment.CurrentDirectory = _temp.Path;
    }

    public string Path => _temp.Path;

    public string Combine(params string[] parts) => _temp.Combine(parts);

    public void Dispose()
    {
        Environment.CurrentDirectory = _previous;
        _temp.Dispose();
    }
}
