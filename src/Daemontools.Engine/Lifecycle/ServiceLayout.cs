using System.Globalization;
using System.Text;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// A <see cref="ServiceDefinition"/> as the files of a plain daemontools service directory: run
/// (through envdir, setuidgid and softlimit from <see cref="ProgramDirectory"/> when asked), env/,
/// log/run with multilog, and the supervision files (flag-setsid, down, notification-fd, finish,
/// timeout-kill, down-signal) under their s6 names.
/// </summary>
public sealed class ServiceLayout
{
    /// <summary>Mode of scripts and directories (0755).</summary>
    public const UnixFileMode Executable = FileModes.Executable;

    /// <summary>Mode of plain files (0644).</summary>
    public const UnixFileMode Readable = FileModes.Readable;

    /// <summary>Mode of env/ (0700): values may be secrets, and envdir reads them before setuidgid.</summary>
    public const UnixFileMode Private = FileModes.PrivateDirectory;

    /// <summary>Mode of the files in env/ (0600).</summary>
    public const UnixFileMode PrivateFile = FileModes.PrivateFile;

    /// <summary>Lays out <paramref name="definition"/>, whose run scripts call the programs in <paramref name="programDirectory"/> by absolute path.</summary>
    public ServiceLayout(ServiceDefinition definition, string programDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!Path.IsPathRooted(programDirectory)) throw new ArgumentException("The program directory must be absolute.", nameof(programDirectory));
        definition.Validate();
        Definition = definition;
        ProgramDirectory = programDirectory;
    }

    /// <summary>What is laid out.</summary>
    public ServiceDefinition Definition { get; }

    /// <summary>Where envdir, setuidgid, softlimit and multilog are.</summary>
    public string ProgramDirectory { get; }

    /// <summary>Every directory and file, parents before their contents.</summary>
    public IReadOnlyList<ServiceFile> Files()
    {
        ServiceDefinition d = Definition;
        var files = new List<ServiceFile>
        {
            DirectoryEntry(string.Empty, Executable),
            Script("run", RunScript(d.Command, [])),
        };
        if (d.NewSession) files.Add(Text("flag-setsid", string.Empty));
        if (d.Down) files.Add(Text("down", string.Empty));
        if (d.Environment.Count > 0)
        {
            files.Add(DirectoryEntry("env", Private));
            foreach ((string name, string? value) in d.Environment.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                files.Add(new ServiceFile("env/" + name, false, EnvironmentFile.Content(value), PrivateFile));
            }
        }
        if (d.ReadinessFd is int fd) files.Add(Text("notification-fd", Number(fd) + "\n"));
        if (d.Finish is string finish) files.Add(Script("finish", RunScript(finish, ["finish", "\"$@\""])));
        if (d.TimeoutKill is int ms) files.Add(Text("timeout-kill", Number(ms) + "\n"));
        if (d.DownSignal is string signal) files.Add(Text("down-signal", signal + "\n"));
        if (d.Logger is LoggerDefinition logger)
        {
            files.Add(DirectoryEntry("log", Executable));
            files.Add(Script("log/run", LoggerScript(logger)));
            // A logger that runs as another account cannot create its directory in the creator's log/.
            if (logger.User is not null && InsideService(logger.Directory) is string inside)
            {
                files.Add(DirectoryEntry(inside, Private) with { Owner = logger.User });
            }
        }
        return files;
    }

    /// <summary>
    /// The logger's directory when it lies outside the service directory (absolute, or above log/):
    /// it is made there, 0700 and owned by the logger's account, if missing. Null otherwise.
    /// </summary>
    public string? ExternalLogDirectory =>
        Definition.Logger is LoggerDefinition logger && InsideService(logger.Directory) is null ? logger.Directory : null;

    /// <summary>
    /// A run (or finish) script: stderr joined to stdout, then `exec COMMAND`; with a chain
    /// (envdir, setuidgid, softlimit) the command runs under `/bin/sh -c` at the chain's end,
    /// so variables from env/ expand in it. <paramref name="shellArguments"/> follow the -c text.
    /// </summary>
    private string RunScript(string command, IReadOnlyList<string> shellArguments)
    {
        ServiceDefinition d = Definition;
        string body = (d.WorkingDirectory is string directory ? $"cd {ShellWord.Quote(directory)} || exit 111\n" : string.Empty) + "exec " + command;
        var chain = new List<string>();
        if (d.Environment.Count > 0) chain.AddRange([Program("envdir"), "./env"]);
        if (d.User is string user) chain.AddRange([Program("setuidgid"), ShellWord.Quote(user)]);
        if (d.MemoryLimit is not null || d.OpenFilesLimit is not null)
        {
            chain.Add(Program("softlimit"));
            if (d.MemoryLimit is long memory) chain.AddRange(["-m", Number(memory)]);
            if (d.OpenFilesLimit is long files) chain.AddRange(["-o", Number(files)]);
        }
        var script = new StringBuilder("#!/bin/sh\nexec 2>&1\n");
        if (chain.Count == 0 && shellArguments.Count == 0)
        {
            script.Append(body).Append('\n');
            return script.ToString();
        }
        chain.AddRange(["/bin/sh", "-c", ShellWord.Quote(body)]);
        chain.AddRange(shellArguments);
        script.Append("exec ").AppendJoin(' ', chain).Append('\n');
        return script.ToString();
    }

    private string LoggerScript(LoggerDefinition logger)
    {
        var words = new List<string> { "exec" };
        if (logger.User is string user) words.AddRange([Program("setuidgid"), ShellWord.Quote(user)]);
        words.AddRange([Program("multilog"), "t"]);
        if (logger.MaxFileSize is int size) words.Add("s" + Number(size));
        if (logger.MaxFiles is int count) words.Add("n" + Number(count));
        words.Add(ShellWord.Quote(logger.Directory));
        return "#!/bin/sh\n" + string.Join(' ', words) + "\n";
    }

    private string Program(string name) => ShellWord.Quote(Path.Combine(ProgramDirectory, name));

    /// <summary>The logger's directory relative to the service directory, or null when it lies outside it.</summary>
    private static string? InsideService(string directory)
    {
        const string Root = "/service/";
        if (Path.IsPathRooted(directory)) return null;
        string full = Path.GetFullPath(Path.Combine(Root + "log", directory));
        return full.StartsWith(Root, StringComparison.Ordinal) && full.Length > Root.Length ? full[Root.Length..] : null;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static ServiceFile DirectoryEntry(string path, UnixFileMode mode) => new(path, true, [], mode);

    private static ServiceFile Script(string path, string text) => new(path, false, Encoding.UTF8.GetBytes(text), Executable);

    private static ServiceFile Text(string path, string text) => new(path, false, Encoding.UTF8.GetBytes(text), Readable);
}
