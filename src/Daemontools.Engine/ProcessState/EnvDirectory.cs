using System.Text;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// envdir's directory of variables: one file per variable, read exactly as daemontools 0.76 does.
/// Files whose names start with '.' are skipped. An empty file removes the variable; otherwise
/// the value is the first line, with trailing spaces and tabs removed and NUL bytes turned into
/// newlines (so a file holding just "\n" sets the variable to the empty string).
/// </summary>
public static class EnvDirectory
{
    /// <summary>What <paramref name="directory"/> says, in readdir order; throws <see cref="EnvDirectoryException"/>.</summary>
    public static IReadOnlyList<EnvDirectoryEntry> Read(string directory)
    {
        // envdir opens "." first so that it can come back after chdir; keep that failure mode.
        Errno errno = FileSystem.OpenDirectory(FileSystem.WorkingDirectory, ".", out Descriptor current);
        if (errno != Errno.None) throw new EnvDirectoryException(EnvDirectoryStep.OpenCurrentDirectory, directory, null, errno);
        current.Close();

        errno = FileSystem.OpenDirectoryPath(directory, out Descriptor handle);
        if (errno != Errno.None) throw new EnvDirectoryException(EnvDirectoryStep.SwitchDirectory, directory, null, errno);
        try
        {
            errno = FileSystem.CheckSearchable(handle, ".");
            if (errno != Errno.None) throw new EnvDirectoryException(EnvDirectoryStep.SwitchDirectory, directory, null, errno);
            errno = FileSystem.OpenDirectory(handle, ".", out Descriptor listing);
            if (errno != Errno.None) throw new EnvDirectoryException(EnvDirectoryStep.ReadDirectory, directory, null, errno);
            var names = new List<byte[]>();
            errno = DirectoryListing.Read(listing, names);
            if (errno != Errno.None) throw new EnvDirectoryException(EnvDirectoryStep.ReadDirectory, directory, null, errno);
            return ReadFiles(directory, handle, names);
        }
        finally
        {
            handle.Close();
        }
    }

    private static List<EnvDirectoryEntry> ReadFiles(string directory, Descriptor handle, List<byte[]> names)
    {
        var entries = new List<EnvDirectoryEntry>();
        byte[] line = new byte[LongestValue];
        byte[] chunk = new byte[ChunkLength];
        // The original reuses its buffer: a file that vanishes after readdir gets the previous
        // file's processed value (with its terminating NUL, which becomes a newline).
        byte[] buffer = [];
        foreach (byte[] name in names)
        {
            if (name.Length > 0 && name[0] == (byte)'.') continue;
            int length = ReadFirstLine(directory, handle, name, line, chunk);
            byte[]? value = length switch
            {
                Vanished => buffer.Length == 0 ? null : FirstLine(buffer),
                Empty => null,
                _ => Value(line.AsSpan(0, length)),
            };
            buffer = value is null ? [] : [.. value, 0];
            entries.Add(new EnvDirectoryEntry(name, value));
        }
        return entries;
    }

    /// <summary>The value a file's contents give: up to the first newline, trailing blanks removed, NUL as newline.</summary>
    public static byte[] FirstLine(ReadOnlySpan<byte> contents)
    {
        int end = contents.IndexOf((byte)'\n');
        if (end < 0) end = contents.Length;
        while (end > 0 && IsBlank(contents[end - 1])) end--;
        return Value(contents[..end]);
    }

    /// <summary>
    /// The longest value kept. The kernel refuses to exec with an environment string longer than
    /// MAX_ARG_STRLEN (32 pages): a longer value can only make the next exec fail with "argument
    /// list too long", and so does its first MAX_ARG_STRLEN bytes. (0.76 reads the whole file:
    /// a 10 MB line needs 10 MB of memory there, more than this runtime's heap can hold.)
    /// </summary>
    private static readonly int LongestValue = 32 * Environment.SystemPageSize;

    private const int ChunkLength = 16 * 1024;
    private const int Vanished = -1, Empty = -2;

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';

    private static byte[] Value(ReadOnlySpan<byte> line)
    {
        byte[] value = line.ToArray();
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == 0) value[i] = (byte)'\n';
        }
        return value;
    }

    /// <summary>
    /// Reads the file's first line into <paramref name="line"/> (no further than its newline, and
    /// no further than shows the value is longer than <paramref name="line"/> holds): the value's
    /// length (trailing blanks removed, at most the buffer's), <see cref="Empty"/> for an empty
    /// file, <see cref="Vanished"/> when it no longer exists. Opened without waiting, as 0.76's
    /// open_read does: a FIFO nobody writes to reads as empty.
    /// </summary>
    private static int ReadFirstLine(string directory, Descriptor handle, byte[] name, byte[] line, byte[] chunk)
    {
        Errno errno = FileSystem.OpenAt(handle, name, Linux.O_RDONLY | Linux.O_NONBLOCK | Linux.O_CLOEXEC, 0, out Descriptor fd);
        if (errno == Errno.ENOENT) return Vanished;
        if (errno != Errno.None) throw new EnvDirectoryException(EnvDirectoryStep.ReadFile, directory, Encoding.UTF8.GetString(name), errno);
        try
        {
            long read = 0, valueEnd = 0;
            while (true)
            {
                errno = fd.Read(chunk, out int n);
                if (errno != Errno.None) throw new EnvDirectoryException(EnvDirectoryStep.ReadFile, directory, Encoding.UTF8.GetString(name), errno);
                if (n == 0) break;
                int newline = chunk.AsSpan(0, n).IndexOf((byte)'\n');
                int used = newline < 0 ? n : newline;
                for (int i = 0; i < used; i++)
                {
                    long at = read + i;
                    if (at < line.Length) line[at] = chunk[i];
                    if (!IsBlank(chunk[i])) valueEnd = at + 1;
                }
                read += n;
                // Done at the newline, or once a non-blank byte past the buffer proves the value too long to keep whole.
                if (newline >= 0 || valueEnd > line.Length) break;
            }
            return read == 0 ? Empty : (int)Math.Min(valueEnd, line.Length);
        }
        finally
        {
            fd.Close();
        }
    }
}
