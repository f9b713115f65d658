using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Daemontools.PowerShell;

/// <summary>
/// PowerShell ignores deps.json, so the module resolves its own dependencies: the engine from
/// the module folder and Tmds.LibC from runtimes/&lt;rid&gt;/ for the running architecture. The
/// import also completes bin/ where a package install left it without links or execute bit.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleDirectory =
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";

    /// <inheritdoc />
    public void OnImport()
    {
        AssemblyLoadContext.Default.Resolving += Resolve;
        ModulePrograms.Complete();
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= Resolve;

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        string file = name.Name + ".dll";
        string local = Path.Combine(ModuleDirectory, file);
        if (File.Exists(local)) return context.LoadFromAssemblyPath(local);
        string perArchitecture = Path.Combine(ModuleDirectory, "runtimes", RuntimeIdentifier(), "lib", "netstandard2.0", file);
        return File.Exists(perArchitecture) ? context.LoadFromAssemblyPath(perArchitecture) : null;
    }

    private static string RuntimeIdentifier() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm64 => "linux-arm64",
        Architecture.Arm => "linux-arm",
        _ => "linux-x64",
    };
}
