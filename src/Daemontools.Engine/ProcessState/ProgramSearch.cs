using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// daemontools' pathexec_run lookup, one candidate at a time: a name with '/' is tried as is;
/// otherwise each PATH element in turn (default "/bin:/usr/bin", an empty element meaning ".").
/// After a failed attempt: ENOENT moves on quietly; EACCES, EPERM and EISDIR are remembered and
/// the search moves on; any other error ends it. The error reported at the end is the remembered
/// one, if any, else the last.
/// </summary>
public sealed class ProgramSearch
{
    /// <summary>The search path used when PATH is unset.</summary>
    public const string DefaultPath = "/bin:/usr/bin";

    private readonly string _file;
    private readonly string? _path;
    private int _position;
    private bool _done;
    private Errno _saved;

    /// <summary>Searches for <paramref name="file"/> along <paramref name="path"/> (PATH's value, or null when unset).</summary>
    public ProgramSearch(string file, string? path)
    {
        _file = file;
        _path = file.Contains('/', StringComparison.Ordinal) ? null : path ?? DefaultPath;
    }

    /// <summary>errno to report once <see cref="Next"/> returns false.</summary>
    public Errno Errno { get; private set; } = Errno.ENOENT;

    /// <summary>The next file to try, or false when the search is over.</summary>
    public bool Next(out string candidate)
    {
        candidate = string.Empty;
        if (_done) return false;
        if (_path is null)
        {
            _done = true;
            candidate = _file;
            return true;
        }
        int end = _path.IndexOf(':', _position);
        if (end < 0) end = _path.Length;
        string directory = end == _position ? "." : _path[_position..end];
        candidate = directory + "/" + _file;
        if (end == _path.Length) _done = true;
        _position = end + 1;
        return true;
    }

    /// <summary>Records that executing the last candidate failed with <paramref name="errno"/>.</summary>
    public void Failed(Errno errno)
    {
        if (errno != Errno.ENOENT)
        {
            _saved = errno;
            if (errno is not (Errno.EACCES or Errno.EPERM or Errno.EISDIR)) _done = true;
        }
        Errno = _saved != Errno.None ? _saved : errno;
    }
}
