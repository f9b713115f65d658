using Daemontools.Engine.Lifecycle;

namespace Daemontools.Engine.Tests.Lifecycle;

[Collection(EnvironmentVariables.Name)]
public sealed class ScanDirectoryLocationTests
{
    [Fact]
    public void A_given_directory_wins_then_SVDIR_then_etc_service()
    {
        string? saved = Environment.GetEnvironmentVariable("SVDIR");
        try
        {
            Environment.SetEnvironmentVariable("SVDIR", "/srv/scan");
            Assert.Equal("/tmp/given", ScanDirectoryLocation.Resolve("/tmp/given"));
            Assert.Equal("/srv/scan", ScanDirectoryLocation.Resolve(null));
            Environment.SetEnvironmentVariable("SVDIR", string.Empty);
            Assert.Equal("/etc/service", ScanDirectoryLocation.Resolve(null));
            Environment.SetEnvironmentVariable("SVDIR", null);
            Assert.Equal("/etc/service", ScanDirectoryLocation.Resolve(string.Empty));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SVDIR", saved);
        }
    }
}
