using Daemontools.Engine.Supervision;

namespace Daemontools.Engine.Tests.Supervision;

public sealed class ServiceStatusTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dt-status-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_never_supervised_directory_is_normally_up_exactly_when_it_has_no_down_file()
    {
        ServiceStatus status = ServiceStatus.Read(_dir);
        Assert.Equal(StatusFailure.OkUnavailable, status.Failure);
        Assert.True(status.NormallyUp);

        File.WriteAllText(Path.Combine(_dir, "down"), string.Empty);
        Assert.False(ServiceStatus.Read(_dir).NormallyUp);
    }
}
