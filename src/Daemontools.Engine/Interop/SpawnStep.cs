namespace Daemontools.Engine.Interop;

/// <summary>The step of starting a child that failed.</summary>
internal enum SpawnStep
{
    /// <summary>posix_spawn itself, the exec included (glibc reports the exec's errno).</summary>
    Spawn,

    /// <summary>Taking on the requested ids on the spawning thread.</summary>
    Credentials,

    /// <summary>Putting the requested limits on the child (it was killed before it ran anything).</summary>
    Limits,
}
