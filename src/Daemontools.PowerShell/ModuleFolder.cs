namespace Daemontools.PowerShell;

/// <summary>Where the module's files are: the native programs live in bin/ beside the assembly.</summary>
internal static class ModuleFolder
{
    /// <summary>The module's folder.</summary>
    public static string Path { get; } = System.IO.Path.GetDirectoryName(typeof(ModuleFolder).Assembly.Location) ?? ".";

    /// <summary>The folder of the native programs (svscan, supervise, readproctitle, ...).</summary>
    public static string Bin { get; } = System.IO.Path.Combine(Path, "bin");
}
