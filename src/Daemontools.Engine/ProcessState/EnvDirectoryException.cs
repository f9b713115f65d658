using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>An env directory could not be read; says which step failed, on what, and errno.</summary>
public sealed class EnvDirectoryException : IOException
{
    /// <summary>Creates the exception.</summary>
    public EnvDirectoryException(EnvDirectoryFailure failure, string directory, string? file, int errno)
        : base($"{failure} {(file is null ? directory : directory + "/" + file)}: {new UnixException(errno, "envdir").Message}")
    {
        Failure = failure;
        Directory = directory;
        File = file;
        Errno = errno;
    }

    /// <summary>The step that failed.</summary>
    public EnvDirectoryFailure Failure { get; }

    /// <summary>The directory as given.</summary>
    public string Directory { get; }

    /// <summary>The file that could not be read, for <see cref="EnvDirectoryFailure.ReadFile"/>.</summary>
    public string? File { get; }

    /// <summary>errno of the failed call.</summary>
    public int Errno { get; }
}
