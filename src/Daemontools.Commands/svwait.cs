using System.Globalization;
using Daemontools.Engine.Supervision;

namespace Daemontools.Commands;

/// <summary>
/// svwait [ -u | -U | -d | -D ] [ -a | -o ] [ -t ms ] dir...: waits until the services are up,
/// up and ready, down, or down with ./finish done (s6-svwait's interface and documented exit
/// codes): 0 reached, 99 timed out, 100 usage, 102 no supervise (or it exited while awaited),
/// 111 system error, n (1..98) when n services awaited up failed permanently.
/// </summary>
internal static class SvwaitCommand
{
    public const string Name = "svwait";
    private const string Usage = "[ -u | -U | -d | -D ] [ -a | -o ] [ -t timeout ] dir...";

    public static int Run(string[] args)
    {
        var goal = WaitGoal.Up;
        bool any = false;
        long timeout = 0;
        var options = new OptionScanner(Name, args, "uUdDaot:");
        while (options.Next(out char option))
        {
            switch (option)
            {
                case 'u': goal = WaitGoal.Up; break;
                case 'U': goal = WaitGoal.Ready; break;
                case 'd': goal = WaitGoal.Down; break;
                case 'D': goal = WaitGoal.Finished; break;
                case 'a': any = false; break;
                case 'o': any = true; break;
                case 't' when long.TryParse(options.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out long ms) && ms <= uint.MaxValue:
                    timeout = ms;
                    break;
                default: throw Failure.Usage(Name, Usage);
            }
        }

        WaitResult result = ServiceWait.Until(args[options.Index..], goal, any, timeout);
        return result.Outcome switch
        {
            WaitOutcome.Reached => 0,
            WaitOutcome.TimedOut => throw Failure.WithText(99, $"{Name}: fatal: timed out\n"),
            WaitOutcome.Failed => throw Failure.WithText(Math.Min(result.Failed, 98), $"{Name}: fatal: {result.Failed} of the services failed permanently\n"),
            WaitOutcome.NotSupervised => throw Failure.WithText(102, $"{Name}: fatal: unable to wait for {result.Directory}: supervise not running\n"),
            WaitOutcome.SupervisorGone => throw Failure.WithText(102, $"{Name}: fatal: supervise of {result.Directory} exited\n"),
            _ => throw Failure.Fatal(Name, result.Directory is null ? "unable to wait" : $"unable to wait for {result.Directory}", errno: result.Errno),
        };
    }
}
