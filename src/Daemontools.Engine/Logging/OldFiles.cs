namespace Daemontools.Engine.Logging;

/// <summary>
/// filesfit(): the archived files of a log directory are the entries whose name starts with '@'
/// and is at least 25 characters long; the oldest is the one whose first 25 characters sort
/// lowest. At most count-1 are kept (and, with our 'S', at most a total size).
/// </summary>
internal static class OldFiles
{
    private const int LabelLength = 25;

    /// <summary>Deletes the oldest archives until they fit; 0 when done, -errno when the directory cannot be read.</summary>
    public static int Trim(string path, int count, long? totalSize)
    {
        try
        {
            while (true)
            {
                int found = 0;
                long total = 0;
                string oldest = "@z";
                foreach (string entry in Directory.EnumerateFileSystemEntries(path))
                {
                    string name = Path.GetFileName(entry);
                    if (name.Length < LabelLength || name[0] != '@') continue;
                    found++;
                    if (totalSize is not null) total += SizeOf(entry);
                    if (string.CompareOrdinal(name, oldest) < 0) oldest = name[..LabelLength];
                }
                bool tooMany = found >= count;
                bool tooBig = totalSize is long cap && found > 0 && total > cap;
                if (!tooMany && !tooBig) return 0;
                foreach (string entry in Directory.EnumerateFileSystemEntries(path))
                {
                    string name = Path.GetFileName(entry);
                    if (name.Length >= LabelLength && name.StartsWith(oldest, StringComparison.Ordinal))
                    {
                        File.Delete(entry);
                        break;
                    }
                }
            }
        }
        catch (UnauthorizedAccessException)
        {
            return -Interop.Errno.EACCES;
        }
        catch (IOException)
        {
            return -Interop.Errno.EIO;
        }
    }

    private static long SizeOf(string entry)
    {
        var info = new FileInfo(entry);
        return info.Exists ? info.Length : 0;
    }
}
