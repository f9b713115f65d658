namespace Daemontools.Commands.Tests.Support;

/// <summary>
/// A temp directory holding service/, the scan directory, and every svscan a test starts on it;
/// disposing it kills them (with all they started) and removes the directory.
/// </summary>
public sealed class ScanTree : IDisposable
{
    /// <summary>Only Debian's programs: where an svscan given only this PATH finds supervise (and multilog).</summary>
    public const string DebianPath = "/usr/bin:/bin";

    private readonly TempDirectory _temp = new();
    private readonly List<RunningScanner> _scanners = [];

    public ScanTree() => Directory.CreateDirectory(Scan);

    /// <summary>The scan directory.</summary>
    public string Scan => _temp.Combine("service");

    /// <summary>A path in the temp directory beside service/.</summary>
    public string Beside(string name) => _temp.Combine(name);

    /// <summary>A path under the scan directory.</summary>
    public string Dir(params string[] parts) => Path.Combine([Scan, .. parts]);

    /// <summary>Starts <paramref name="svscan"/> on the scan directory with the supervise of <paramref name="supervise"/> ("ours" or "debian") first on PATH.</summary>
    public RunningScanner Start(string svscan, string supervise)
    {
        string path = supervise == "ours" ? Programs.OurBin + ":" + DebianPath : DebianPath;
        var scanner = new RunningScanner(svscan, Scan, path);
        _scanners.Add(scanner);
        return scanner;
    }

    public void Dispose()
    {
        foreach (RunningScanner scanner in _scanners) scanner.Dispose();
        _temp.Dispose();
    }
}
