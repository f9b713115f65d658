using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// Replaces this process with a program, keeping pid and descriptors, as the chain tools do.
/// argv and the environment are laid out in native memory once, so that nothing needs to be
/// allocated between restoring the inherited signals (and any tight resource limits) and execve.
/// </summary>
public sealed class ProgramExec : IDisposable
{
    private readonly NativeStringArray _argv;
    private readonly NativeStringArray _environment;
    private bool _signalsRestored, _disposed;

    /// <summary>Prepares to run <paramref name="argv"/> (argv[0] included) with <paramref name="environment"/>.</summary>
    public ProgramExec(IReadOnlyList<string> argv, EnvironmentBlock environment)
    {
        _argv = new NativeStringArray(argv);
        _environment = new NativeStringArray(environment.Entries);
    }

    /// <summary>execve(<paramref name="path"/>); returns errno, since it returns only on failure.</summary>
    public Errno TryExecute(string path)
    {
        if (!_signalsRestored)
        {
            Signals.RestoreInherited();
            _signalsRestored = true;
        }
        return ProgramImage.Execute(path, _argv, _environment);
    }

    /// <summary>True when <paramref name="path"/> is this very binary and the current ids may execute it: what an exec of it would run is here already.</summary>
    public static bool IsThisProgram(string path) => ProgramImage.IsThisProgram(path) && ProgramImage.CheckExecutable(path) == Errno.None;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _argv.Dispose();
        _environment.Dispose();
    }
}
