using Daemontools.Engine.Supervision;

namespace Daemontools.Engine.Tests.Supervision;

public sealed class ServiceStatusTests : IDisposable
{
    private readonly TempDirectory _temp = new("dt-status-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_never_supervised_directory_is_normally_up_exactly_when_it_has_no_down_file()
    {
        ServiceStatus status = ServiceStatus.Read(_temp.Path);
        Assert.Equal(StatusFailure.OkUnavailable, status.Failure);
        Assert.True(status.NormallyUp);

        File.WriteAllText(_temp.Combine("down"), string.Empty);
        Assert.False(ServiceStatus.Read(_temp.Path).NormallyUp);
    }
}
