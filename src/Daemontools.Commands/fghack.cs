using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Commands;

/// <summary>fghack child: runs child and waits until it and anything it backgrounded have closed their copies of a pipe.</summary>
internal static class FghackCommand
{
    public const string Name = "fghack";

    public static int Run(string[] args, Chain chain)
    {
        chain.ApplyDeferredLimits();
        CurrentProcess.RestoreInheritedSignals();
        WaitStatus status;
        try
        {
            status = ForegroundHold.Run(args, chain.Environment, chain.Environment.Get("PATH"));
        }
        catch (ForegroundHoldException e)
        {
            throw e.Step switch
            {
                ForegroundHoldStep.CreatePipe => Failure.Fatal(Name, "unable to create pipe", errno: e.Errno),
                ForegroundHoldStep.Run => Failure.Fatal(Name, $"unable to run {args[0]}", errno: e.Errno),
                _ => Failure.Fatal(Name, "wait failed", errno: e.Errno),
            };
        }
        if (status.Signaled) throw Failure.Fatal(Name, "child crashed");
        return status.ExitCode;
    }
}
