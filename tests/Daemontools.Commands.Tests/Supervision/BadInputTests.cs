namespace Daemontools.Commands.Tests.Supervision;

/// <summary>
/// Broken and unusual service directories: our svc, svok, svstat and supervise print the same
/// bytes on stdout and stderr and exit with the same code as Debian's. Each implementation gets
/// its own fresh copy of the layout, since supervise changes what it runs in.
/// </summary>
public sealed class BadInputTests
{
    private static readonly string[] Directories =
    [
        "missing", "plain", "empty", "okfile", "short", "nostatus", "statusdir", "downloop", "deadfifo",
        "garbage", "zerostamp", "runit", "controlfile",
    ];

    private static void MakeFifo(string path)
    {
        Assert.Equal(0, ProgramRun.Run("/usr/bin/mkfifo", ["-m", "600", path]).ExitCode);
    }

    private static string Supervise(TempDirectory root, string name)
    {
        string dir = root.Combine(name, "supervise");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Builds every case under <paramref name="root"/>; "ok" regular files make svstat read the status without a supervise.</summary>
    private static void Layout(TempDirectory root)
    {
        File.WriteAllText(root.Combine("plain"), "x");
        Directory.CreateDirectory(root.Combine("empty"));
        File.WriteAllText(Path.Combine(Supervise(root, "okfile"), "ok"), string.Empty);
        File.WriteAllBytes(Path.Combine(Supervise(root, "okfile"), "status"), [0x40, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0x39, 0x30, 0, 0, 0, (byte)'d']);
        File.WriteAllText(Path.Combine(Supervise(root, "short"), "ok"), string.Empty);
        File.WriteAllBytes(Path.Combine(Supervise(root, "short"), "status"), new byte[10]);
        File.WriteAllText(Path.Combine(Supervise(root, "nostatus"), "ok"), string.Empty);
        File.WriteAllText(Path.Combine(Supervise(root, "statusdir"), "ok"), string.Empty);
        Directory.CreateDirectory(Path.Combine(Supervise(root, "statusdir"), "status"));
        Directory.CreateDirectory(root.Combine("downloop"));
        File.CreateSymbolicLink(root.Combine("downloop", "down"), "down");
        MakeFifo(Path.Combine(Supervise(root, "deadfifo"), "ok"));
        MakeFifo(Path.Combine(Supervise(root, "deadfifo"), "control"));
        File.WriteAllText(Path.Combine(Supervise(root, "garbage"), "ok"), string.Empty);
        File.WriteAllBytes(Path.Combine(Supervise(root, "garbage"), "status"), Enumerable.Repeat((byte)0xff, 18).ToArray());
        File.WriteAllText(root.Combine("garbage", "down"), string.Empty);
        File.WriteAllText(Path.Combine(Supervise(root, "zerostamp"), "ok"), string.Empty);
        File.WriteAllBytes(Path.Combine(Supervise(root, "zerostamp"), "status"), new byte[18]);
        File.WriteAllText(Path.Combine(Supervise(root, "runit"), "ok"), string.Empty);
        File.WriteAllBytes(Path.Combine(Supervise(root, "runit"), "status"), [0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, (byte)'u', 0, 1]);
        File.WriteAllText(Path.Combine(Supervise(root, "controlfile"), "control"), string.Empty);
    }

    private static (ProgramResult Ours, ProgramResult Debian) Both(string program, string[] args)
    {
        using var oursRoot = new TempDirectory();
        using var debianRoot = new TempDirectory();
        Layout(oursRoot);
        Layout(debianRoot);
        ProgramResult ours = ProgramRun.Run(Programs.Ours(program), args, workingDirectory: oursRoot.Path, timeout: TimeSpan.FromSeconds(30));
        ProgramResult debian = ProgramRun.Run(Programs.Debian(program), args, workingDirectory: debianRoot.Path, timeout: TimeSpan.FromSeconds(30));
        return (ours, debian);
    }

    private static void AssertSame(string program, params string[] args)
    {
        (ProgramResult ours, ProgramResult debian) = Both(program, args);
        Assert.Equal(SupervisedService.Mask(debian.Out), SupervisedService.Mask(ours.Out));
        Assert.Equal(debian.Err, ours.Err);
        Assert.Equal(debian.ExitCode, ours.ExitCode);
    }

    /// <summary>
    /// Our svc prints and exits as Debian's, and beyond 0.76 warns of a supervise/control that is not
    /// a FIFO (controlfile, last wherever it is given): 0.76 writes into it and says nothing.
    /// </summary>
    private static void AssertSvcSame(params string[] args)
    {
        (ProgramResult ours, ProgramResult debian) = Both("svc", args);
        string notFifo = args.Contains("controlfile")
            ? "svc: warning: unable to control controlfile: supervise/control is not a FIFO; supervise applies the commands when it next wakes\n"
            : string.Empty;
        Assert.Equal(SupervisedService.Mask(debian.Out), SupervisedService.Mask(ours.Out));
        Assert.Equal(debian.Err + notFifo, ours.Err);
        Assert.Equal(debian.ExitCode, ours.ExitCode);
    }

    [Fact]
    public void Svstat_prints_the_same_line_for_every_case_but_an_unreadable_status()
    {
        (ProgramResult ours, ProgramResult debian) = Both("svstat", Directories);
        // 0.76 prints whatever its status buffer held for a status it cannot read; ours says so.
        static IEnumerable<string> Readable(string output) => SupervisedService.Mask(output).Split('\n').Where(l => !l.StartsWith("statusdir: ", StringComparison.Ordinal));
        Assert.Equal(Readable(debian.Out), Readable(ours.Out));
        Assert.Equal(debian.Err, ours.Err);
        Assert.Equal(debian.ExitCode, ours.ExitCode);
        Assert.Contains("statusdir: unable to read supervise/status: is a directory\n", ours.Out);
        Assert.DoesNotContain("statusdir: unable to read", debian.Out);
        Assert.Contains("garbage: up (pid 4294967295) 0 seconds, normally down, paused\n", ours.Out);
        Assert.Contains("short: unable to read supervise/status: bad format\n", ours.Out);
        Assert.Contains("downloop: unable to stat down: symbolic link loop\n", ours.Out);
        Assert.Contains("plain: unable to chdir: not a directory\n", ours.Out);
        Assert.Contains("deadfifo: supervise not running\n", ours.Out);
    }

    [Fact]
    public void Svstat_without_arguments_prints_nothing() => AssertSame("svstat");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Svok_exit_code_and_message(string dir) => AssertSame("svok", dir);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Svc_warning_and_exit_code(string dir) => AssertSvcSame("-u", dir);

    [Fact]
    public void Svc_warns_for_each_directory_in_turn_and_exits_zero() => AssertSvcSame(["-du", .. Directories]);

    [Theory]
    [InlineData("-z", "x")]
    [InlineData("-uz", "x")]
    [InlineData("-u", "-Z")]
    [InlineData("--", "-u")]
    [InlineData("--u", "missing")]
    [InlineData("-u-", "missing")]
    [InlineData("-u", "--", "--", "missing")]
    [InlineData("-")]
    [InlineData("missing", "-u")]
    [InlineData]
    public void Svc_parses_options_as_getopt_does(params string[] args) => AssertSame("svc", args);

    [Fact]
    public void Svc_writes_the_letters_once_each_in_first_seen_order()
    {
        AssertSvcSame("-uuddk", "-u", "-pc", "-hk", "controlfile");
        using var root = new TempDirectory();
        Layout(root);
        ProgramRun.Run(Programs.Ours("svc"), ["-uuddk", "-u", "-pc", "-hk", "-xoait", "controlfile"], workingDirectory: root.Path);
        Assert.Equal("udkpchxoait", File.ReadAllText(root.Combine("controlfile", "supervise", "control")));
        // A second client's bytes go after the first's (0.76's svc writes over them), for supervise to apply in order.
        ProgramRun.Run(Programs.Ours("svc"), ["-d", "controlfile"], workingDirectory: root.Path);
        Assert.Equal("udkpchxoaitd", File.ReadAllText(root.Combine("controlfile", "supervise", "control")));
    }

    [Fact]
    public void Svok_without_a_directory_is_a_usage_error() => AssertSame("svok");

    [Fact]
    public void Svok_looks_at_the_first_directory_only() => AssertSame("svok", "missing", "okfile");

    [Theory]
    [InlineData]
    [InlineData("a", "b")]
    [InlineData("missing")]
    [InlineData("plain")]
    [InlineData("downloop")]
    public void Supervise_refuses_to_start_with_the_original_message(params string[] args) => AssertSame("supervise", args);

    [Fact]
    public void Supervise_reports_a_supervise_path_that_is_a_file()
    {
        using var oursRoot = new TempDirectory();
        using var debianRoot = new TempDirectory();
        foreach (TempDirectory root in new[] { oursRoot, debianRoot })
        {
            Directory.CreateDirectory(root.Combine("s"));
            File.WriteAllText(root.Combine("s", "supervise"), string.Empty);
            Directory.CreateDirectory(root.Combine("c", "supervise", "control"));
        }
        foreach (string dir in new[] { "s", "c" })
        {
            ProgramResult ours = ProgramRun.Run(Programs.Ours("supervise"), [dir], workingDirectory: oursRoot.Path, timeout: TimeSpan.FromSeconds(30));
            ProgramResult debian = ProgramRun.Run(Programs.Debian("supervise"), [dir], workingDirectory: debianRoot.Path, timeout: TimeSpan.FromSeconds(30));
            Assert.Equal(debian.Err, ours.Err);
            Assert.Equal(111, ours.ExitCode);
            Assert.Equal(debian.ExitCode, ours.ExitCode);
        }
    }

    public static TheoryData<string> Cases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string dir in Directories) data.Add(dir);
            return data;
        }
    }
}
