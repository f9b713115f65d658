// Every suite runs real processes, signals, FIFOs and /proc, as the programs it tests: not on Windows.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
