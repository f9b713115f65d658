using Daemontools.Engine.Logging;

namespace Daemontools.PowerShell;

/// <summary>
/// Reads multilog directories back in the order they were written: archived files oldest
/// first, then current, one <see cref="MultilogEntry"/> per line.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MultilogEntry")]
[OutputType(typeof(MultilogEntry))]
public sealed class GetMultilogEntry : DirectoryPathCmdlet
{
    /// <summary>Only the last this many entries of each directory.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Tail { get; set; }

    protected override void ProcessRecord()
    {
        foreach ((string path, string directory) in Directories())
        {
            if (!Directory.Exists(directory))
            {
                WriteFailure(new DirectoryNotFoundException($"Log directory '{path}' does not exist."), ErrorId.LogDirectoryNotFound, path);
                continue;
            }
            IEnumerable<MultilogEntry> entries = Read(directory);
            if (Tail is int tail) entries = entries.TakeLast(tail);
            foreach (MultilogEntry entry in entries) WriteObject(entry);
        }
    }

    private IEnumerable<MultilogEntry> Read(string directory)
    {
        foreach (string file in LogDirectoryContents.FilesInOrder(directory))
        {
            IEnumerable<string> lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (IOException e)
            {
                WriteFailure(e, ErrorId.LogFileUnreadable, file);
                continue;
            }
            catch (UnauthorizedAccessException e)
            {
                WriteFailure(e, ErrorId.LogFileForbidden, file);
                continue;
            }
            foreach (string line in lines)
            {
                (DateTimeOffset? time, string message) = LogDirectoryContents.SplitStamp(line);
                yield return new MultilogEntry(time?.UtcDateTime, message, file, line);
            }
        }
    }
}
