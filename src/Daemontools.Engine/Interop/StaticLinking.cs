namespace Daemontools.Engine.Interop;

/// <summary>
/// Whether this process is the statically linked native binary. Such a process has no dynamic
/// symbol table to search (dlsym finds nothing) and must not load NSS modules (a second libc
/// loaded into a static executable crashes it). A pwsh session is always dynamically linked.
/// </summary>
internal static class StaticLinking
{
    private static readonly bool Switch = AppContext.TryGetSwitch("Daemontools.StaticExecutable", out bool on) && on;

    /// <summary>
    /// The native binary's project sets the Daemontools.StaticExecutable switch; pwsh never does.
    /// The native compiler makes it a constant (ILLink.Substitutions.xml), so the static binary
    /// does not even link the calls it must not make.
    /// </summary>
    public static bool IsStatic => Switch;
}
