using Daemontools.Engine.Lifecycle;

namespace Daemontools.Engine.Tests.Lifecycle;

public sealed class ServiceNameTests
{
    [Theory]
    [InlineData("web")]
    [InlineData("web-1.example_x")]
    [InlineData("log")]
    public void Names_svscan_takes_are_valid(string name) => Assert.Null(ServiceName.Problem(name));

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("tab\there")]
    public void Names_svscan_would_not_take_or_pair_are_refused(string name)
    {
        Assert.NotNull(ServiceName.Problem(name));
        Assert.Throws<ArgumentException>(() => ServiceName.Validate(name, "name"));
    }

    [Fact]
    public void A_name_longer_than_svscan_pairs_with_a_logger_is_refused()
    {
        Assert.Null(ServiceName.Problem(new string('a', 255)));
        Assert.NotNull(ServiceName.Problem(new string('a', 256)));
        Assert.NotNull(ServiceName.Problem(new string('é', 128)));
    }

    [Fact]
    public void A_logger_is_shown_as_its_service_slash_log_and_anything_else_by_its_last_component()
    {
        using var temp = new TempDirectory("dt-name-");
        string root = temp.Path;
        Directory.CreateDirectory(Path.Combine(root, "web", "log"));
        File.WriteAllText(Path.Combine(root, "web", "run"), string.Empty);
        Directory.CreateDirectory(Path.Combine(root, "scan", "log"));

        Assert.Equal("web/log", ServiceName.Of(Path.Combine(root, "web", "log")));
        Assert.Equal("web/log", ServiceName.Of(Path.Combine(root, "web", "log") + "/"));
        Assert.Equal("web", ServiceName.Of(Path.Combine(root, "web")));
        // a service called log in a scan directory, which has no run file
        Assert.Equal("log", ServiceName.Of(Path.Combine(root, "scan", "log")));
    }
}
