namespace Daemontools.Engine.Interop;

/// <summary>The process's real environment block (environ), as bytes, as exec would pass it on.</summary>
public static unsafe class ProcessEnvironment
{
    /// <summary>Copies every "NAME=value" entry of environ, in order.</summary>
    public static List<byte[]> Read()
    {
        var entries = new List<byte[]>();
        byte** environ = LibCNative.Environ;
        if (environ == null) return entries;
        for (byte** e = environ; *e != null; e++) entries.Add(NativeByteString.Read(*e).ToArray());
        return entries;
    }
}
