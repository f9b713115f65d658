using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Interop;

/// <summary>The native layer stays internal: the programs and the cmdlets reach the system through engine operations only.</summary>
public sealed class LayerTests
{
    [Fact]
    public void The_engine_exports_no_interop_type()
    {
        Type[] exported = typeof(Errno).Assembly.GetExportedTypes();

        Assert.Contains(exported, t => t.Namespace == "Daemontools.Engine.Unix");
        Assert.Empty(exported.Where(t => t.Namespace == "Daemontools.Engine.Interop").Select(t => t.FullName));
        Assert.Contains(typeof(Errno).Assembly.GetTypes(), t => t.Namespace == "Daemontools.Engine.Interop");
    }
}
