using System.Runtime.InteropServices;
using Daemontools.Commands.Shared;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Logging;

namespace Daemontools.Commands;

/// <summary>multilog: reads a log from stdin and files it as its script says.</summary>
internal static class MultilogCommand
{
    private const string Name = "multilog";
    private const int SignalAlarm = 14;

    public static int Run(string[] args)
    {
        FileSystemCalls.SetUmask(0x12); // 022, as the original
        string start;
        try
        {
            start = Directory.GetCurrentDirectory();
        }
        catch (IOException)
        {
            throw Failure.Fatal(Name, "unable to switch to current directory", errno: Errno.ENOENT);
        }

        LinePump? pump = null;
        bool exitEarly = false, rotateEarly = false;
        // Registered first: the original blocks TERM and ALRM from the start and acts on them at a read boundary.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            if (pump is null) exitEarly = true;
            else pump.RequestExit();
        });
        using var alarm = PosixSignalRegistration.Create((PosixSignal)SignalAlarm, context =>
        {
            context.Cancel = true;
            if (pump is null) rotateEarly = true;
            else pump.RequestRotation();
        });

        var options = new MultilogOptions
        {
            StartDirectory = start,
            Journal = PipeCalls.IsPipe(Descriptor.StandardInput),
            Alert = bytes => Descriptor.TryWriteAll(Descriptor.StandardError, bytes, out _),
            Warning = warning =>
            {
                if (warning.Errno is int errno) Diagnostics.Warning(Name, warning.Text, errno);
                else Diagnostics.Warning(Name, warning.Text);
            },
        };

        Multilog log;
        try
        {
            log = Multilog.Open(MultilogScript.Parse(args), options);
        }
        catch (MultilogException e)
        {
            throw Failure.Fatal(Name, e.Text, errno: e.Errno);
        }
        using (log)
        using (pump = new LinePump(log, Descriptor.StandardInput))
        {
            if (exitEarly) pump.RequestExit();
            if (rotateEarly) pump.RequestRotation();
            pump.Run();
        }
        return 0;
    }
}
