using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>
/// filesfit(): the archived files of a log directory are the entries whose name starts with '@'
/// and is at least 25 characters long; the oldest is the one whose first 25 characters sort
/// lowest. At most count-1 are kept (and, with our 'S', at most a total size).
/// </summary>
internal static class OldFiles
{
    private const int LabelLength = 25;

    /// <summary>Deletes the oldest archives until they fit; the errno of a listing or removal that failed (0.76 reports both as "unable to read").</summary>
    public static Errno Trim(string path, int count, long? totalSize)
    {
        var names = new List<string>();
        while (true)
        {
            names.Clear();
            Errno errno = DirectoryListing.Read(path, names);
            if (errno != Errno.None) return errno;
            int found = 0;
            long total = 0;
            string oldest = "@z";
            foreach (string name in names)
            {
                if (name.Length < LabelLength || name[0] != '@') continue;
                found++;
                if (totalSize is not null && FileSystem.Stat(path + "/" + name, out FileFacts facts) == Errno.None) total += facts.Size;
                if (string.CompareOrdinal(name, oldest) < 0) oldest = name[..LabelLength];
            }
            bool tooMany = found >= count;
            bool tooBig = totalSize is long cap && found > 0 && total > cap;
            if (!tooMany && !tooBig) return Errno.None;
            foreach (string name in names)
            {
                if (name.Length < LabelLength || !name.StartsWith(oldest, StringComparison.Ordinal)) continue;
                errno = FileSystem.Unlink(path + "/" + name);
                if (errno is not (Errno.None or Errno.ENOENT)) return errno;
                break;
            }
        }
    }
}
