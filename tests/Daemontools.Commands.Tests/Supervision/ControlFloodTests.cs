using System.Text;
using System.Text.RegularExpressions;

namespace Daemontools.Commands.Tests.Supervision;

/// <summary>
/// Eight clients send 2,000 commands each at once (what `svc -d`, `-du`, `-ph`... write), then
/// `svc -u`: supervise works the queue off in order, the service ends up up, and stays up.
/// 0.76 rewrote the status after every byte, so a queue like this took seconds to drain and a
/// status read in the meantime showed a command long superseded (want down, or a pid about to
/// be signalled).
/// </summary>
public sealed partial class ControlFloodTests
{
    private static readonly string[] Options = ["d", "u", "p", "c", "h", "du", "pc", "dc", "ph"];

    [Fact]
    public void After_a_flood_of_commands_and_a_final_up_the_service_is_up_and_stays_up()
    {
        using var service = new SupervisedService("exec sleep 1000").Start(Programs.Ours("supervise"));
        string control = Path.Combine(service.Path, "supervise", "control");
        Eventually.True(() => service.RunPid != 0, "the service to start");

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, client =>
        {
            for (int i = 0; i < 2000; i++)
            {
                string letters = Options[(i * 7 + client) % Options.Length];
                if (i % 50 == 0) Svc(service, client % 2 == 0 ? Programs.Ours("svc") : Programs.Debian("svc"), letters);
                else Write(control, letters);
            }
        });
        Svc(service, Programs.Ours("svc"), "u");

        string last = string.Empty;
        Eventually.True(
            () =>
            {
                last = service.Client(Programs.Ours("svstat"), service.Name).Out;
                return Fifo.Pending(control) == 0 && UpForASecond().IsMatch(last);
            },
            $"the queue to be worked off and the service up for a second with want up (last: {last.TrimEnd()})");
        int pid = service.RunPid;
        Assert.True(ProcessTree.Alive(pid));
        Assert.Equal(pid, int.Parse(UpForASecond().Match(last).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(service.Exited);
        Assert.Equal(string.Empty, service.Stderr);
    }

    /// <summary>What svc does: open the FIFO for writing, write the letters in one write, close.</summary>
    private static void Write(string control, string letters)
    {
        using var fifo = new FileStream(control, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        fifo.Write(Encoding.ASCII.GetBytes(letters));
    }

    private static void Svc(SupervisedService service, string svc, string letters)
    {
        ProgramResult result = service.Client(svc, "-" + letters, service.Name);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Err);
    }

    // Up (possibly paused: a final -u does not continue) for at least a second, and not wanted down.
    [GeneratedRegex(@"^svc: up \(pid (\d+)\) [1-9]\d* seconds(, paused)?\n$")]
    private static partial Regex UpForASecond();
}
