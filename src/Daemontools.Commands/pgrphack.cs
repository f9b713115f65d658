using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands;

/// <summary>pgrphack child: runs child in a new session (and so a new process group).</summary>
internal static class PgrphackCommand
{
    public const string Name = "pgrphack";

    public static int Run(string[] args, Chain chain)
    {
        _ = CurrentProcess.StartSession(); // the original ignores the result (already a group leader)
        return chain.Run(Name, args);
    }
}
