namespace Daemontools.Engine.Tests.Logging;

/// <summary>
/// Tests that stop and start a logger many times in this process, alone: a child another test
/// spawns meanwhile holds copies of every descriptor until it execs, the log directory's lock
/// among them, which a killed process would have released at once.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}
