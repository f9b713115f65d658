using System.Runtime.InteropServices;
using Daemontools.Engine.Interop;

namespace Daemontools.Engine.ProcessState;

/// <summary>
/// Replaces this process with a program, keeping pid and descriptors, as the chain tools do.
/// argv and the environment are laid out in native memory once, so that nothing needs to be
/// allocated between restoring the inherited signals (and any tight resource limits) and execve.
/// </summary>
public sealed unsafe class ProgramExec : IDisposable
{
    private readonly NativeStringArray _argv;
    private readonly NativeByteStringArray _environment;
    private bool _signalsRestored;

    /// <summary>Prepares to run <paramref name="argv"/> (argv[0] included) with <paramref name="environment"/>.</summary>
    public ProgramExec(IReadOnlyList<string> argv, EnvironmentBlock environment)
    {
        _argv = new NativeStringArray(argv);
        _environment = new NativeByteStringArray(environment.Entries);
    }

    /// <summary>execve(<paramref name="path"/>); returns errno, since it returns only on failure.</summary>
    public int TryExecute(string path)
    {
        byte* file = NativeByteString.Allocate(System.Text.Encoding.UTF8.GetBytes(path));
        try
        {
            if (!_signalsRestored)
            {
                ProgramImage.RestoreInheritedSignals();
                _signalsRestored = true;
            }
            return ProgramImage.Execute(file, _argv, _environment);
        }
        finally
        {
            NativeMemory.Free(file);
        }
    }

    /// <summary>Runs the pathexec search for argv[0] along <paramref name="searchPath"/>; returns errno once every candidate failed.</summary>
    public int Run(string file, string? searchPath)
    {
        var search = new ProgramSearch(file, searchPath);
        while (search.Next(out string candidate)) search.Failed(TryExecute(candidate));
        return search.Errno;
    }

    public void Dispose()
    {
        _argv.Dispose();
        _environment.Dispose();
    }
}
