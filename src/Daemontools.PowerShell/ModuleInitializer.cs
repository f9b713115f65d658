using System.Reflection;
using System.Runtime.Loader;

namespace Daemontools.PowerShell;

/// <summary>
/// PowerShell ignores deps.json, so the module resolves its own dependency, the engine, from the
/// module folder. The import also completes bin/ where a package install left it without links
/// or execute bit.
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
        string local = Path.Combine(ModuleDirectory, name.Name + ".dll");
        return File.Exists(local) ? context.LoadFromAssemblyPath(local) : null;
    }
}
