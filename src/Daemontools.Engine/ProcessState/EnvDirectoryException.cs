using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>An env directory could not be read: which step failed, on what, and errno.</summary>
public sealed class EnvDirectoryException : SystemFailureException<EnvDirectoryStep>
{
    /// <summary>Creates the failure of <paramref name="step"/> on <paramref name="directory"/> (and <paramref name="file"/> in it).</summary>
    public EnvDirectoryException(EnvDirectoryStep step, string directory, string? file, Errno errno)
        : base(step, file is null ? directory : directory + "/" + file, errno)
    {
        Directory = directory;
        File = file;
    }

    /// <summary>The directory as given.</summary>
    public string Directory { get; }

    /// <summary>The file that could not be read, for <see cref="EnvDirectoryStep.ReadFile"/>.</summary>
    public string? File { get; }
}
