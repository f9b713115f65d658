using Daemontools.Engine.Unix;

namespace Daemontools.Engine.ProcessState;

/// <summary>A <see cref="ProgramFile"/> check failed on <see cref="SystemFailureException.Path"/>.</summary>
public sealed class ProgramFileException(ProgramFileStep step, string path, Errno errno)
    : SystemFailureException<ProgramFileStep>(step, path, errno);
