using System.Diagnostics;
using System.Text;
using Daemontools.Engine.Lifecycle;

namespace Daemontools.Engine.Tests.Lifecycle;

public sealed class ServiceLayoutTests : IDisposable
{
    private const string Bin = "/opt/dt/bin";
    private readonly TempDirectory _temp = new("dt-layout-");

    public void Dispose() => _temp.Dispose();

    private static Dictionary<string, ServiceFile> Files(ServiceDefinition definition, string bin = Bin) =>
        new ServiceLayout(definition, bin).Files().ToDictionary(f => f.RelativePath);

    private static string Text(ServiceFile file) => Encoding.UTF8.GetString(file.Content);

    [Fact]
    public void A_plain_command_is_a_run_script_that_execs_it_with_stderr_joined_and_a_session_of_its_own()
    {
        Dictionary<string, ServiceFile> files = Files(new ServiceDefinition("web", "python3 -m http.server 8080"));

        Assert.Equal(["", "flag-setsid", "run"], files.Keys.Order(StringComparer.Ordinal));
        Assert.True(files[""].IsDirectory);
        Assert.Equal("#!/bin/sh\nexec 2>&1\nexec python3 -m http.server 8080\n", Text(files["run"]));
        Assert.Equal(ServiceLayout.Executable, files["run"].Mode);
        Assert.Empty(files["flag-setsid"].Content);
        Assert.Equal(ServiceLayout.Readable, files["flag-setsid"].Mode);
    }

    [Fact]
    public void The_chain_runs_envdir_then_setuidgid_then_softlimit_from_the_program_folder_and_the_command_under_sh()
    {
        var definition = new ServiceDefinition("web", "exec-me --port \"$PORT\"")
        {
            Environment = new Dictionary<string, string?> { ["PORT"] = "8080", ["GONE"] = null },
            User = "www-data",
            MemoryLimit = 100_000_000,
            OpenFilesLimit = 64,
            WorkingDirectory = "/srv/my web",
        };
        Dictionary<string, ServiceFile> files = Files(definition);

        Assert.Equal(
            "#!/bin/sh\nexec 2>&1\nexec /opt/dt/bin/envdir ./env /opt/dt/bin/setuidgid www-data /opt/dt/bin/softlimit -m 100000000 -o 64 "
            + "/bin/sh -c 'cd '\\''/srv/my web'\\'' || exit 111\nexec exec-me --port \"$PORT\"'\n",
            Text(files["run"]));
        Assert.Equal(ServiceLayout.Private, files["env"].Mode);
        Assert.Equal("8080\n", Text(files["env/PORT"]));
        Assert.Empty(files["env/GONE"].Content);
        Assert.Equal(ServiceLayout.PrivateFile, files["env/PORT"].Mode);
    }

    [Fact]
    public void The_supervision_files_are_written_only_when_asked_under_their_s6_names()
    {
        var definition = new ServiceDefinition("db", "postgres")
        {
            Down = true,
            NewSession = false,
            ReadinessFd = 3,
            Finish = "echo finished",
            TimeoutKill = 5000,
            DownSignal = "HUP",
        };
        Dictionary<string, ServiceFile> files = Files(definition);

        Assert.Equal(["", "down", "down-signal", "finish", "notification-fd", "run", "timeout-kill"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(files["down"].Content);
        Assert.Equal("3\n", Text(files["notification-fd"]));
        Assert.Equal("5000\n", Text(files["timeout-kill"]));
        Assert.Equal("HUP\n", Text(files["down-signal"]));
        Assert.Equal("#!/bin/sh\nexec 2>&1\nexec /bin/sh -c 'exec echo finished' finish \"$@\"\n", Text(files["finish"]));
        Assert.Equal(ServiceLayout.Executable, files["finish"].Mode);
    }

    [Theory]
    [InlineData("HUP")]
    [InlineData("sigusr1")]
    [InlineData("10")]
    public void A_down_signal_is_written_as_given_when_supervise_can_read_it(string signal) =>
        Assert.Equal(signal + "\n", Text(Files(new ServiceDefinition("web", "x") { DownSignal = signal })["down-signal"]));

    [Fact]
    public void The_logger_runs_multilog_with_timestamps_size_and_count_as_its_account()
    {
        var definition = new ServiceDefinition("web", "server")
        {
            Logger = new LoggerDefinition { MaxFileSize = 1_000_000, MaxFiles = 20, User = "log" },
        };
        Dictionary<string, ServiceFile> files = Files(definition);

        Assert.Equal("#!/bin/sh\nexec /opt/dt/bin/setuidgid log /opt/dt/bin/multilog t s1000000 n20 ./main\n", Text(files["log/run"]));
        Assert.True(files["log"].IsDirectory);
        // made for the logger's account, which could not create it in log/
        Assert.True(files["log/main"].IsDirectory);
        Assert.Equal("log", files["log/main"].Owner);
        Assert.Equal(ServiceLayout.Private, files["log/main"].Mode);
        Assert.Null(new ServiceLayout(definition, Bin).ExternalLogDirectory);
    }

    [Fact]
    public void A_logger_of_the_supervisors_account_leaves_its_directory_to_multilog_and_an_outside_one_is_named()
    {
        var inside = new ServiceDefinition("web", "server") { Logger = new LoggerDefinition() };
        Assert.Equal("#!/bin/sh\nexec /opt/dt/bin/multilog t ./main\n", Text(Files(inside)["log/run"]));
        Assert.False(Files(inside).ContainsKey("log/main"));

        var outside = new ServiceDefinition("web", "server") { Logger = new LoggerDefinition { Directory = "/var/log/web" } };
        Assert.Equal("/var/log/web", new ServiceLayout(outside, Bin).ExternalLogDirectory);
        Assert.Equal("#!/bin/sh\nexec /opt/dt/bin/multilog t /var/log/web\n", Text(Files(outside)["log/run"]));
    }

    [Theory]
    [InlineData("main")]
    [InlineData("")]
    public void A_log_directory_multilog_would_not_take_for_one_is_refused(string directory) =>
        Assert.Throws<ArgumentException>(() => new ServiceLayout(new ServiceDefinition("web", "x") { Logger = new LoggerDefinition { Directory = directory } }, Bin));

    [Theory]
    [InlineData(4095, null)]
    [InlineData(16_777_216, null)]
    [InlineData(null, 1)]
    public void Sizes_and_counts_multilog_would_change_are_refused(int? size, int? files) =>
        Assert.ThrowsAny<ArgumentException>(() => new ServiceLayout(new ServiceDefinition("web", "x") { Logger = new LoggerDefinition { MaxFileSize = size, MaxFiles = files } }, Bin));

    [Fact]
    public void Bad_definitions_are_refused_before_anything_is_laid_out()
    {
        Assert.Throws<ArgumentException>(() => new ServiceDefinition(".web", "x"));
        Assert.Throws<ArgumentException>(() => new ServiceDefinition("web", "  "));
        Assert.ThrowsAny<ArgumentException>(() => new ServiceLayout(new ServiceDefinition("web", "x") { ReadinessFd = 1 }, Bin));
        Assert.ThrowsAny<ArgumentException>(() => new ServiceLayout(new ServiceDefinition("web", "x") { DownSignal = "SIG HUP" }, Bin));
        Assert.ThrowsAny<ArgumentException>(() => new ServiceLayout(new ServiceDefinition("web", "x") { DownSignal = "HANGUP" }, Bin));
        Assert.ThrowsAny<ArgumentException>(() => new ServiceLayout(new ServiceDefinition("web", "x") { DownSignal = "65" }, Bin));
        Assert.ThrowsAny<ArgumentException>(() => new ServiceLayout(new ServiceDefinition("web", "x") { Environment = new Dictionary<string, string?> { ["A"] = "x " } }, Bin));
        Assert.ThrowsAny<ArgumentException>(() => new ServiceLayout(new ServiceDefinition("web", "x"), "relative/bin"));
    }

    [Fact]
    public void The_run_script_applies_the_chain_in_order_then_runs_the_command_in_its_directory_with_the_variables()
    {
        // Stand-ins for the chain tools that record their arguments and exec the rest, as the real ones do.
        string bin = _temp.Combine("bin");
        Directory.CreateDirectory(bin);
        foreach ((string tool, int skip) in new[] { ("envdir", 1), ("setuidgid", 1), ("softlimit", 2) })
        {
            string own = skip == 1 ? "$1" : "$1 $2";
            string fake = $"#!/bin/sh\necho \"{tool} {own} then ${skip + 1}\" >> \"$TRACE\"\n" + (tool == "envdir" ? "export PORT=$(cat \"$1\"/PORT)\n" : string.Empty) + $"shift {skip}\nexec \"$@\"\n";
            Write(Path.Combine(bin, tool), fake, executable: true);
        }
        string work = _temp.Combine("work dir");
        Directory.CreateDirectory(work);
        var definition = new ServiceDefinition("web", "echo \"port $PORT in $(pwd)\" | tr a-z A-Z")
        {
            Environment = new Dictionary<string, string?> { ["PORT"] = "8080" },
            User = "nobody",
            MemoryLimit = 5_000_000,
            WorkingDirectory = work,
            Finish = "echo \"finish $1 $2 $3\"",
        };
        string service = _temp.Combine("web");
        foreach (ServiceFile file in new ServiceLayout(definition, bin).Files())
        {
            string path = Path.Combine(service, file.RelativePath);
            if (file.IsDirectory) Directory.CreateDirectory(path);
            else Write(path, Encoding.UTF8.GetString(file.Content), executable: file.Mode == ServiceLayout.Executable);
        }
        string trace = _temp.Combine("trace");

        Assert.Equal($"PORT 8080 IN {work.ToUpperInvariant()}\n", Run(service, "./run", [], trace));
        Assert.Equal([$"envdir ./env then {bin}/setuidgid", $"setuidgid nobody then {bin}/softlimit", "softlimit -m 5000000 then /bin/sh"], File.ReadAllLines(trace));
        Assert.Equal("finish 1 0 web\n", Run(service, "./finish", ["1", "0", "web"], trace));
    }

    private static string Run(string directory, string script, string[] arguments, string trace)
    {
        var info = new ProcessStartInfo(Path.Combine(directory, script)) { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["TRACE"] = trace;
        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(10_000));
        return output;
    }

    private static void Write(string path, string text, bool executable)
    {
        File.WriteAllText(path, text);
        if (executable && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, ServiceLayout.Executable);
    }
}
