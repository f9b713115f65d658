using Daemontools.Engine.Lifecycle;

namespace Daemontools.Engine.Tests.Lifecycle;

public sealed class ServiceLinkTests : IDisposable
{
    private readonly TempDirectory _temp = new("dt-link-");

    public ServiceLinkTests()
    {
        Directory.CreateDirectory(Scan);
    }

    public void Dispose() => _temp.Dispose();

    private string Scan => _temp.Combine("service");

    private string Service(string name, bool log = false)
    {
        string dir = _temp.Combine("sv", name);
        Directory.CreateDirectory(log ? Path.Combine(dir, "log") : dir);
        File.WriteAllText(Path.Combine(dir, "run"), "#!/bin/sh\nexec sleep 100\n");
        return dir;
    }

    [Fact]
    public void Enabling_makes_an_absolute_link_named_after_the_directory_and_twice_is_once()
    {
        string web = Service("web", log: true);

        EnabledService entry = ServiceLink.Enable(Scan, web, null, out bool created);

        Assert.True(created);
        Assert.Equal(new EnabledService("web", Path.Combine(Scan, "web"), IsLink: true, HasLog: true), entry);
        Assert.Equal(web, new FileInfo(entry.Path).LinkTarget);
        Assert.Equal(entry, ServiceLink.Enable(Scan, web, null, out created));
        Assert.False(created);
    }

    [Fact]
    public void Another_name_can_be_given_and_Find_knows_the_directory_by_identity()
    {
        string web = Service("web");
        ServiceLink.Enable(Scan, web, "www", out _);
        Directory.CreateDirectory(Path.Combine(Scan, "other"));

        Assert.Equal(["www"], ServiceLink.Find(Scan, web).Select(e => e.Name));
        Assert.Equal(["www"], ServiceLink.Find(Scan, Path.Combine(Scan, "www")).Select(e => e.Name));
        Assert.Empty(ServiceLink.Find(Scan, Service("db")));
    }

    [Fact]
    public void A_name_taken_by_another_directory_is_refused()
    {
        ServiceLink.Enable(Scan, Service("web"), null, out _);
        string other = Service(Path.Combine("elsewhere", "web"));

        var e = Assert.Throws<ServiceLifecycleException>(() => ServiceLink.Enable(Scan, other, null, out _));

        Assert.Equal(LifecycleFailure.NameTaken, e.Failure);
        Assert.Equal(Path.Combine(Scan, "web"), e.Path);
    }

    [Fact]
    public void A_dangling_link_of_that_name_is_not_replaced()
    {
        File.CreateSymbolicLink(Path.Combine(Scan, "web"), "/nonexistent/web");
        Assert.Equal(LifecycleFailure.NameTaken, Assert.Throws<ServiceLifecycleException>(() => ServiceLink.Enable(Scan, Service("web"), null, out _)).Failure);
    }

    [Fact]
    public void Availability_is_known_before_the_directory_exists()
    {
        string web = _temp.Combine("sv", "web");
        Assert.True(ServiceLink.RequireAvailable(Scan, web));

        // A link left to the same path (the directory was deleted by hand) is that directory's.
        File.CreateSymbolicLink(Path.Combine(Scan, "web"), web);
        Assert.False(ServiceLink.RequireAvailable(Scan, web));
        Assert.Equal(LifecycleFailure.NameTaken, Assert.Throws<ServiceLifecycleException>(() => ServiceLink.RequireAvailable(Scan, _temp.Combine("other", "web"))).Failure);
        Assert.Equal(LifecycleFailure.ScanDirectoryNotFound, Assert.Throws<ServiceLifecycleException>(() => ServiceLink.RequireAvailable(_temp.Combine("none"), web)).Failure);

        Service("web");
        Assert.Equal(Path.Combine(Scan, "web"), ServiceLink.Enable(Scan, web, null, out bool created).Path);
        Assert.False(created);
    }

    [Fact]
    public void A_directory_without_run_or_a_missing_scan_directory_is_refused()
    {
        string empty = _temp.Combine("sv", "empty");
        Directory.CreateDirectory(empty);
        Assert.Equal(LifecycleFailure.NotAServiceDirectory, Assert.Throws<ServiceLifecycleException>(() => ServiceLink.Enable(Scan, empty, null, out _)).Failure);
        Assert.Equal(LifecycleFailure.ScanDirectoryNotFound, Assert.Throws<ServiceLifecycleException>(() => ServiceLink.Enable(_temp.Combine("none"), Service("web"), null, out _)).Failure);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Scan));
    }

    [Fact]
    public void The_scan_directory_lists_what_svscan_would_supervise_in_name_order()
    {
        ServiceLink.Enable(Scan, Service("web", log: true), null, out _);
        Directory.CreateDirectory(Path.Combine(Scan, "inplace"));
        Directory.CreateDirectory(Path.Combine(Scan, ".hidden"));
        File.WriteAllText(Path.Combine(Scan, "file"), string.Empty);
        File.CreateSymbolicLink(Path.Combine(Scan, "dangling"), "/nonexistent");
        File.WriteAllText(Path.Combine(Scan, ".svscan.lock"), string.Empty);

        Assert.Equal(
            [new EnabledService("inplace", Path.Combine(Scan, "inplace"), false, false), new EnabledService("web", Path.Combine(Scan, "web"), true, true)],
            EnabledServices.In(Scan));
        Assert.Equal("web/log", EnabledServices.In(Scan)[1].LogName);
        Assert.Null(EnabledServices.Find(Scan, "dangling"));
        Assert.Null(EnabledServices.Find(Scan, ".hidden"));
        Assert.Throws<DirectoryNotFoundException>(() => EnabledServices.In(_temp.Combine("none")));
    }
}
