using System.Text;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Time;
using Daemontools.Engine.Unix;

namespace Daemontools.Commands;

/// <summary>svstat dirs: one line per directory on stdout, errors included; exit 0.</summary>
internal static class SvstatCommand
{
    public const string Name = "svstat";
    private const int FlushAt = 8192;

    public static int Run(string[] args)
    {
        Failure.UnlessWorkingDirectoryOpens(Name);

        var output = new StringBuilder();
        byte[] buffer = new byte[StatusRecord.Length];
        foreach (string dir in args)
        {
            output.Append(dir).Append(": ").Append(Describe(ServiceStatus.Read(dir), buffer)).Append('\n');
            if (output.Length >= FlushAt) Flush(output);
        }
        Flush(output);
        return 0;
    }

    /// <summary>
    /// The text after "DIR: ". <paramref name="buffer"/> is 0.76's one status buffer for the whole
    /// run: a short status leaves the previous directory's bytes behind it. A read that fails (status
    /// is a directory) is reported: 0.76's signed/unsigned length check lets it through, and it
    /// prints whatever the buffer held ("down 4611686020223525888 seconds").
    /// </summary>
    private static string Describe(ServiceStatus status, byte[] buffer)
    {
        status.Bytes.CopyTo(buffer, 0);
        if (status.Failure is StatusFailure.None)
        {
            StatusRecord.TryDecode(buffer, out StatusRecord record);
            StatusExtension? extension = status.Failure == StatusFailure.None ? status.Extension : null;
            return StatusLine.Format(record, extension, status.NormallyUp, SystemClock.Instance.Now().UnixSeconds);
        }
        return FailureText(status);
    }

    private static string FailureText(ServiceStatus status) => status.Failure switch
    {
        StatusFailure.DirectoryUnavailable => "unable to chdir: " + status.Errno.Wording(),
        StatusFailure.DownUnavailable => "unable to stat down: " + status.Errno.Wording(),
        StatusFailure.NotRunning => StatusLine.NotRunning,
        StatusFailure.OkUnavailable => "unable to open supervise/ok: " + status.Errno.Wording(),
        StatusFailure.StatusUnavailable => "unable to open supervise/status: " + status.Errno.Wording(),
        StatusFailure.StatusUnreadable => "unable to read supervise/status: " + status.Errno.Wording(),
        _ => "unable to read supervise/status: bad format",
    };

    private static void Flush(StringBuilder output)
    {
        if (output.Length == 0) return;
        // Like 0.76's buffered output, a write error is not reported (exit stays 0).
        StandardStream.Output.TryWriteAll(Encoding.UTF8.GetBytes(output.ToString()));
        output.Clear();
    }
}
