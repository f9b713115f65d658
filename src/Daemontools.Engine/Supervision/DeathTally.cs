using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// supervise/death_tally: the last deaths of ./run, oldest first, <see cref="Death.Length"/> bytes
/// each (s6's file and format). supervise empties it when it starts and rewrites it through
/// death_tally.new and a rename after each death, keeping at most max-death-tally records.
/// Only directories that use the new files get one.
/// </summary>
public static class DeathTally
{
    /// <summary>The file, relative to the service directory.</summary>
    public const string FileName = "supervise/death_tally", NewFileName = "supervise/death_tally.new";

    /// <summary>Decodes a whole file (a trailing partial record is ignored).</summary>
    public static Death[] Decode(ReadOnlySpan<byte> file)
    {
        var deaths = new Death[file.Length / Death.Length];
        for (int i = 0; i < deaths.Length; i++) deaths[i] = Death.Decode(file[(i * Death.Length)..]);
        return deaths;
    }

    /// <summary>Reads the history of the service at <paramref name="directory"/>; empty when there is none.</summary>
    public static Death[] Read(string directory)
    {
        string path = ServiceDirectory.Within(directory, FileName);
        if (FileSystem.OpenRead(path, out Descriptor fd) != Errno.None) return [];
        try
        {
            byte[] buffer = new byte[ServiceSettings.MaxDeathTallyLimit * Death.Length];
            int total = 0;
            while (total < buffer.Length && fd.Read(buffer.AsSpan(total), out int n) == Errno.None && n > 0) total += n;
            return Decode(buffer.AsSpan(0, total));
        }
        finally
        {
            fd.Close();
        }
    }

    /// <summary>Replaces the file with <paramref name="deaths"/> (relative to supervise's working directory); null or the failure.</summary>
    public static SupervisorWarning? Write(ReadOnlySpan<Death> deaths)
    {
        byte[] bytes = new byte[deaths.Length * Death.Length];
        for (int i = 0; i < deaths.Length; i++) deaths[i].Encode(bytes.AsSpan(i * Death.Length));
        Errno errno = FileSystem.OpenTruncate(NewFileName, out Descriptor fd);
        if (errno != Errno.None) return new SupervisorWarning(SupervisorWarningKind.DeathTallyWrite, errno);
        errno = fd.WriteAll(bytes);
        fd.Close();
        if (errno == Errno.None) errno = FileSystem.Rename(NewFileName, FileName);
        return errno == Errno.None ? null : new SupervisorWarning(SupervisorWarningKind.DeathTallyWrite, errno);
    }
}
