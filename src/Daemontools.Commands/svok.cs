using Daemontools.Commands.Shared;
using Daemontools.Engine.Supervision;

namespace Daemontools.Commands;

/// <summary>svok dir: exit 0 when a supervise is running in dir, 100 when not, 111 on trouble.</summary>
internal static class SvokCommand
{
    private const string Name = "svok";

    public static int Run(string[] args)
    {
        // 0.76 looks at the first argument only and ignores the rest.
        if (args.Length == 0) throw Failure.Usage(Name, "dir");
        string dir = args[0];
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
