namespace Daemontools.Engine.ProcessState;

/// <summary>The resource limits softlimit sets (Linux RLIMIT_* numbers).</summary>
public enum ResourceLimit
{
    /// <summary>CPU seconds (-t).</summary>
    CpuTime = 0,

    /// <summary>Largest file written (-f).</summary>
    FileSize = 1,

    /// <summary>Data segment (-d, -m).</summary>
    Data = 2,

    /// <summary>Stack (-s, -m).</summary>
    Stack = 3,

    /// <summary>Core file (-c).</summary>
    Core = 4,

    /// <summary>Resident set (-r).</summary>
    ResidentSet = 5,

    /// <summary>Processes of the user (-p).</summary>
    Processes = 6,

    /// <summary>Open descriptors (-o).</summary>
    OpenFiles = 7,

    /// <summary>Locked memory (-l, -m).</summary>
    LockedMemory = 8,

    /// <summary>Address space (-a, -m).</summary>
    AddressSpace = 9,
}
