namespace Daemontools.Engine.Scanning;

/// <summary>What /proc/PID/stat says of a process's place in the family: its state letter ('Z' for a zombie), parent, process group and session.</summary>
public readonly record struct ProcessStat(char State, int Parent, int Group, int Session);
