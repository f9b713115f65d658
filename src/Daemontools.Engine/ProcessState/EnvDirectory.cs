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
        // The original reuses its buffer: a file that vanishes after readdir gets the previous
        // file's processed value (with its terminating NUL, which becomes a newline).
        byte[] buffer = [];
        foreach (byte[] name in names)
        {
            if (name.Length > 0 && name[0] == (byte)'.') continue;
            byte[]? contents = ReadFile(directory, handle, name);
            if (contents is not null) buffer = contents;
            if (buffer.Length == 0)
            {
                entries.Add(new EnvDirectoryEntry(name, null));
                continue;
            }
            byte[] value = FirstLine(buffer);
            buffer = [.. value, 0];
            entries.Add(new EnvDirectoryEntry(name, value));
        }
        return entries;
    }

    /// <summary>The value a file's contents give: up to the first newline, trailing blanks removed, NUL as newline.</summary>
    public static byte[] FirstLine(ReadOnlySpan<byte> contents)
    {
        int end = contents.IndexOf((byte)'\n');
        if (end < 0) end = contents.Length;
        while (end > 0 && (contents[end - 1] == (byte)' ' || contents[end - 1] == (byte)'\t')) end--;
        byte[] value = contents[..end].ToArray();
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == 0) value[i] = (byte)'\n';
        }
        return value;
    }

    /// <summary>The whole file, or null when it no longer exists.</summary>
    private static byte[]? ReadFile(string directory, Descriptor handle, byte[] name)
    {
        Errno errno = FileSystem.OpenAt(handle, name, Linux.O_RDONLY | Linux.O_CLOEXEC, 0, out Descriptor fd);
        if (errno == Errno.ENOENT) return null;
        if (errno != Errno.None) throw new EnvDirectoryException(EnvDirectoryStep.ReadFile, directory, Encoding.UTF8.GetString(name), errno);
        try
        {
            var contents = new MemoryStream();
            byte[] chunk = new byte[4096];
            while (true)
            {
                errno = fd.Read(chunk, out int n);
                if (errno != Errno.None) throw new EnvDirectoryException(EnvDirectoryStep.ReadFile, directory, Encoding.UTF8.GetString(name), errno);
                if (n == 0) return contents.ToArray();
                contents.Write(chunk, 0, n);
            }
        }
        finally
        {
            fd.Close();
        }
    }
}
