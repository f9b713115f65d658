namespace Daemontools.Engine.Logging;

/// <summary>Receives bytes (the 'e' alerts on their way to stderr).</summary>
public delegate void ByteSink(ReadOnlySpan<byte> bytes);
