namespace Daemontools.Engine.Lifecycle;

/// <summary>Reads a scan directory the way svscan does, for the cmdlets that take service names.</summary>
public static class EnabledServices
{
    /// <summary>
    /// The services of <paramref name="scanDirectory"/> in ordinal name order; throws
    /// <see cref="DirectoryNotFoundException"/> when it is missing.
    /// </summary>
    public static IReadOnlyList<EnabledService> In(string scanDirectory)
    {
        var found = new List<EnabledService>();
        foreach (string path in Directory.EnumerateFileSystemEntries(scanDirectory))
        {
            string name = Path.GetFileName(path);
            // svscan's rules: dot names are not services; a name is one when stat (following links) says directory.
            if (name.StartsWith('.') || !Directory.Exists(path)) continue;
            bool isLink = new FileInfo(path).LinkTarget is not null;
            found.Add(new EnabledService(name, path, isLink, Directory.Exists(Path.Combine(path, "log"))));
        }
        found.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return found;
    }

    /// <summary>The entry of <paramref name="scanDirectory"/> called <paramref name="name"/>, or null.</summary>
    public static EnabledService? Find(string scanDirectory, string name)
    {
        if (ServiceName.Problem(name) is not null) return null;
        string path = Path.Combine(scanDirectory, name);
        if (!Directory.Exists(path)) return null;
        return new EnabledService(name, path, new FileInfo(path).LinkTarget is not null, Directory.Exists(Path.Combine(path, "log")));
    }
}
