using Daemontools.Engine.Supervision;

namespace Daemontools.Commands;

/// <summary>svok dir: exit 0 when a supervise is running in dir, 100 when not, 111 on trouble.</summary>
internal static class SvokCommand
{
    public const string Name = "svok";

    public static int Run(string dir)
    {
        ProbeResult probe = SuperviseProbe.Check(dir);
        return probe.Outcome switch
        {
            ProbeOutcome.Running => 0,
            ProbeOutcome.NotRunning or ProbeOutcome.NeverRan => 100,
            ProbeOutcome.DirectoryUnavailable => throw Failure.Fatal(Name, $"unable to chdir to {dir}", errno: probe.Errno),
            _ => throw Failure.Fatal(Name, $"unable to open {dir}/supervise/ok", errno: probe.Errno),
        };
    }
}
