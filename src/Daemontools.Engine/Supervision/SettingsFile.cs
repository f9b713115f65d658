using System.Globalization;
using System.Text;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Supervision;

/// <summary>
/// Reads <see cref="ServiceSettings"/> from the service directory (supervise's working
/// directory). A file that does not parse is reported once per read and its default used, as
/// s6-supervise does.
/// </summary>
public static class SettingsFile
{
    private const int MaxFileLength = 4096;

    /// <summary>The settings as the files say now; <paramref name="warn"/> hears of invalid ones.</summary>
    /// <remarks>A directory with none of the files allocates nothing: this is read before every start.</remarks>
    public static ServiceSettings Read(Action<SupervisorWarning> warn)
    {
        ServiceSettings? read = null;
        foreach (string name in ServiceSettings.FileNames)
        {
            if (FileSystem.Stat(name, out _) != Errno.None) continue;
            read = Apply(read ?? new ServiceSettings(), name, warn);
        }
        if (read is not ServiceSettings settings) return ServiceSettings.Plain;
        if (settings.LockFd is not null && settings.LockFd == settings.NotificationFd)
        {
            // One descriptor cannot be both: the lock is dropped, readiness kept (s6 refuses to start).
            warn(new SupervisorWarning(SupervisorWarningKind.InvalidSetting, Errno.None, ServiceSettings.LockFdName));
            settings = settings with { LockFd = null };
        }
        return settings with { UsesNewFeatures = true };
    }

    private static ServiceSettings Apply(ServiceSettings settings, string name, Action<SupervisorWarning> warn)
    {
        switch (name)
        {
            case ServiceSettings.FinishName:
                return settings with { HasFinish = true };
            case ServiceSettings.KillGroupName:
                return settings with { KillGroupOnTimeout = true };
            case ServiceSettings.NewSessionName:
                return settings with { NewSession = true };
        }
        string? text = ReadText(name, warn);
        if (text is null) return settings;
        string firstLine = text.Split('\n')[0];
        switch (name)
        {
            case ServiceSettings.DownSignalName:
                if (SignalNames.TryParse(firstLine, out int signal)) return settings with { DownSignal = signal };
                break;
            case ServiceSettings.RestartPolicyName:
                RestartPolicy policy = RestartPolicy.Parse(text, out IReadOnlyList<string> invalid);
                foreach (string line in invalid) warn(new SupervisorWarning(SupervisorWarningKind.InvalidSetting, Errno.None, name + ": " + line));
                return settings with { Restart = policy };
            default:
                if (Number(firstLine) is long value && Apply(settings, name, value) is ServiceSettings applied) return applied;
                break;
        }
        warn(new SupervisorWarning(SupervisorWarningKind.InvalidSetting, Errno.None, name));
        return settings;
    }

    private static ServiceSettings? Apply(ServiceSettings settings, string name, long value) => name switch
    {
        ServiceSettings.TimeoutFinishName => settings with { TimeoutFinishMilliseconds = value },
        ServiceSettings.TimeoutKillName => settings with { TimeoutKillMilliseconds = value },
        ServiceSettings.MaxDeathTallyName => settings with { MaxDeathTally = (int)Math.Min(value, ServiceSettings.MaxDeathTallyLimit) },
        ServiceSettings.NotificationFdName when value is > 0 and <= int.MaxValue => settings with { NotificationFd = (int)value },
        ServiceSettings.LockFdName when value is > 0 and <= int.MaxValue => settings with { LockFd = (int)value },
        _ => null,
    };

    private static long? Number(string text) =>
        text.Length > 0 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value <= uint.MaxValue ? value : null;

    private static string? ReadText(string name, Action<SupervisorWarning> warn)
    {
        Errno errno = FileSystem.OpenRead(name, out Descriptor fd);
        if (errno != Errno.None)
        {
            warn(new SupervisorWarning(SupervisorWarningKind.SettingUnreadable, errno, name));
            return null;
        }
        Span<byte> buffer = stackalloc byte[MaxFileLength];
        errno = fd.Read(buffer, out int n);
        fd.Close();
        if (errno != Errno.None)
        {
            warn(new SupervisorWarning(SupervisorWarningKind.SettingUnreadable, errno, name));
            return null;
        }
        return Encoding.UTF8.GetString(buffer[..n]);
    }
}
