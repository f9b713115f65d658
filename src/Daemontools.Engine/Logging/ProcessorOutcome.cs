namespace Daemontools.Engine.Logging;

/// <summary>How one run of a '!' processor ended.</summary>
internal enum ProcessorOutcome
{
    Succeeded,
    Failed,
    Crashed,
    CouldNotStart,
}
