using System.Diagnostics;

namespace Daemontools.Commands.Tests;

/// <summary>svscanboot as build.ps1 -Install fills it in: svscan on the service directory, its output in readproctitle.</summary>
public sealed class SvscanbootTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private int _session;

    public void Dispose()
    {
        if (_session > 0)
        {
            ProcessTree.KillUntilGone(() => ProcessTree.InSession(_session), "svscanboot's session to be gone");
        }
        _temp.Dispose();
    }

    [Fact]
    public void Svscanboot_runs_svscan_with_its_errors_in_the_process_title()
    {
        string service = _temp.Combine("service");
        RunScripts.Service(Path.Combine(service, "ok"), "exec sleep 1000");
        Directory.CreateDirectory(Path.Combine(service, "broken"));
        File.WriteAllText(Path.Combine(service, "broken", "run"), "not executable\n");
        string template = File.ReadAllText(Path.Combine(Programs.RepoRoot, "module", "boot", "svscanboot.in"));
        string script = RunScripts.Write(_temp.Combine("svscanboot"), template.Replace("@PROGRAMS@", Programs.OurBin, StringComparison.Ordinal).Replace("@SERVICEDIR@", service, StringComparison.Ordinal));

        using Process boot = Process.Start(new ProcessStartInfo("/usr/bin/setsid", [script]) { UseShellExecute = false })!;
        _session = boot.Id;

        Eventually.True(() => ServiceTree.Up(Path.Combine(service, "ok")), "ok up under svscanboot's svscan");
        int title = ProcessTree.InSession(_session).Single(p => ProcessTree.Args(p)?.StartsWith("readproctitle service errors: ...", StringComparison.Ordinal) == true);
        Eventually.True(() => ProcessTree.Args(title)!.Contains("unable to start broken/run", StringComparison.Ordinal), "supervise's warning about broken/run in readproctitle's arguments");
        string dots = ProcessTree.Args(title)!["readproctitle service errors: ".Length..];
        Assert.Equal(400, dots.Length);
        Assert.StartsWith("...", dots, StringComparison.Ordinal);
        Assert.Contains(ProcessTree.InSession(_session), p => ProcessTree.Args(p) == $"svscan {service}");
    }
}
