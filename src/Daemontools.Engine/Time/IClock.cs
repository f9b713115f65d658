namespace Daemontools.Engine.Time;

/// <summary>Where the engine reads the time, so tests can pin it.</summary>
public interface IClock
{
    /// <summary>The current time as the originals label it.</summary>
    Tai64NLabel Now();
}
