using Daemontools.Engine.Lifecycle;

namespace Daemontools.Engine.Tests.Lifecycle;

public sealed class ServiceCreationTests : IDisposable
{
    private readonly TempDirectory _temp = new("dt-create-");

    public void Dispose() => _temp.Dispose();

    private string Repository => _temp.Combine("sv");

    private static ServiceLayout Layout(string name, string command, bool log = false) =>
        new(new ServiceDefinition(name, command)
        {
            Environment = new Dictionary<string, string?> { ["PORT"] = "80" },
            Logger = log ? new LoggerDefinition() : null,
        }, "/opt/dt/bin");

    [Fact]
    public void The_directory_appears_complete_with_exact_modes_and_nothing_else_is_left_in_the_repository()
    {
        string created = ServiceCreation.Create(Repository, Layout("web", "server", log: true), replace: false);

        Assert.Equal(Path.Combine(Repository, "web"), created);
        Assert.Equal(["web"], Directory.EnumerateFileSystemEntries(Repository).Select(Path.GetFileName));
        Assert.Equal(
            ["env", "env/PORT", "flag-setsid", "log", "log/run", "run"],
            Directory.EnumerateFileSystemEntries(created, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(created, p)).Order(StringComparer.Ordinal));
        Assert.Equal(ServiceLayout.Executable, Mode(created));
        Assert.Equal(ServiceLayout.Executable, Mode(Path.Combine(created, "run")));
        Assert.Equal(ServiceLayout.Private, Mode(Path.Combine(created, "env")));
        Assert.Equal(ServiceLayout.PrivateFile, Mode(Path.Combine(created, "env", "PORT")));
        Assert.Equal(ServiceLayout.Readable, Mode(Path.Combine(created, "flag-setsid")));
        Assert.Equal("80\n", File.ReadAllText(Path.Combine(created, "env", "PORT")));
    }

    [Fact]
    public void An_existing_service_is_refused_and_left_as_it_was()
    {
        string first = ServiceCreation.Create(Repository, Layout("web", "first"), replace: false);

        var e = Assert.Throws<ServiceLifecycleException>(() => ServiceCreation.Create(Repository, Layout("web", "second"), replace: false));

        Assert.Equal(LifecycleFailure.ServiceExists, e.Failure);
        Assert.Equal(first, e.Path);
        Assert.Contains("exec first", File.ReadAllText(Path.Combine(first, "run")), StringComparison.Ordinal);
        Assert.Equal(["web"], Directory.EnumerateFileSystemEntries(Repository).Select(Path.GetFileName));
    }

    [Fact]
    public void Even_an_empty_directory_of_that_name_is_not_taken_over()
    {
        Directory.CreateDirectory(Path.Combine(Repository, "web"));
        var e = Assert.Throws<ServiceLifecycleException>(() => ServiceCreation.Create(Repository, Layout("web", "server"), replace: false));
        Assert.Equal(LifecycleFailure.ServiceExists, e.Failure);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Repository, "web")));
    }

    [Fact]
    public void Replacing_swaps_in_the_new_directory_and_deletes_the_old_one()
    {
        string path = ServiceCreation.Create(Repository, Layout("web", "first", log: true), replace: false);
        File.WriteAllText(Path.Combine(path, "stale"), "x");

        Assert.Equal(path, ServiceCreation.Create(Repository, Layout("web", "second"), replace: true));

        Assert.Contains("exec second", File.ReadAllText(Path.Combine(path, "run")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(path, "stale")));
        Assert.False(Directory.Exists(Path.Combine(path, "log")));
        Assert.Equal(["web"], Directory.EnumerateFileSystemEntries(Repository).Select(Path.GetFileName));
    }

    [Fact]
    public void A_missing_account_fails_before_anything_is_written()
    {
        var layout = new ServiceLayout(new ServiceDefinition("web", "server") { User = "no-such-account-dt" }, "/opt/dt/bin");

        var e = Assert.Throws<ServiceLifecycleException>(() => ServiceCreation.Create(Repository, layout, replace: false));

        Assert.Equal(LifecycleFailure.AccountNotFound, e.Failure);
        Assert.Equal("no-such-account-dt", e.Path);
        Assert.False(Directory.Exists(Repository));
    }

    [Fact]
    public void The_logger_directory_belongs_to_the_logger_account()
    {
        var layout = new ServiceLayout(
            new ServiceDefinition("web", "server") { Logger = new LoggerDefinition { User = "nobody" } },
            "/opt/dt/bin");
        string external = _temp.Combine("var-log-web");
        var outside = new ServiceLayout(
            new ServiceDefinition("api", "server") { Logger = new LoggerDefinition { User = "nobody", Directory = external } },
            "/opt/dt/bin");
        if (Environment.UserName != "root")
        {
            // only root can give files away
            Assert.Equal(LifecycleFailure.FileSystem, Assert.Throws<ServiceLifecycleException>(() => ServiceCreation.Create(Repository, layout, replace: false)).Failure);
            return;
        }

        string path = ServiceCreation.Create(Repository, layout, replace: false);
        ServiceCreation.Create(Repository, outside, replace: false);

        uint nobody = Engine.ProcessState.Account.Find("nobody")!.UserId;
        Assert.Equal(nobody, Owner(Path.Combine(path, "log", "main")));
        Assert.Equal(0u, Owner(Path.Combine(path, "log")));
        Assert.Equal(nobody, Owner(external));
        Assert.Equal(ServiceLayout.Private, Mode(external));
    }

    private static UnixFileMode Mode(string path) => OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(path);

    private static uint Owner(string path)
    {
        var info = new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u", path]) { RedirectStandardOutput = true };
        using var stat = System.Diagnostics.Process.Start(info)!;
        string text = stat.StandardOutput.ReadToEnd();
        Assert.True(stat.WaitForExit(10_000));
        return uint.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
