namespace Daemontools.Engine.Interop;

/// <summary>A system call failed; carries errno so callers can word it their own way.</summary>
public sealed class UnixException : IOException
{
    /// <summary>Creates the exception for <paramref name="errno"/> raised by <paramref name="operation"/>.</summary>
    public UnixException(int errno, string operation, string? path = null)
        : base(Describe(errno, operation, path))
    {
        Errno = errno;
        Operation = operation;
        Path = path;
    }

    /// <summary>The errno value of the failed call.</summary>
    public int Errno { get; }

    /// <summary>What was being attempted, e.g. "open".</summary>
    public string Operation { get; }

    /// <summary>The file involved, when there is one.</summary>
    public string? Path { get; }

    /// <summary>Throws for the errno of the last failed call made through the interop layer.</summary>
    public static UnixException FromLastError(string operation, string? path = null) =>
        new(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), operation, path);

    private static string Describe(int errno, string operation, string? path)
    {
        string reason = System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno);
        return path is null ? $"{operation}: {reason}" : $"{operation} {path}: {reason}";
    }
}
