using System.Diagnostics;

namespace Daemontools.Commands.Tests.Support;

/// <summary>What a finished program left behind.</summary>
public sealed record ProgramResult(int ExitCode, byte[] Stdout, byte[] Stderr)
{
    public string Out => System.Text.Encoding.UTF8.GetString(Stdout);

    public string Err => System.Text.Encoding.UTF8.GetString(Stderr);
}

/// <summary>Runs a program to completion with given stdin, environment and directory; kills it by pid on timeout.</summary>
public static class ProgramRun
{
    public static ProgramResult Run(
        string file,
        IEnumerable<string> args,
        byte[]? stdin = null,
        IDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in args) info.ArgumentList.Add(a);
        if (environment is not null)
        {
            foreach ((string key, string? value) in environment)
            {
                if (value is null) info.Environment.Remove(key);
                else info.Environment[key] = value;
            }
        }
        using var process = Process.Start(info)!;
        try
        {
            var stdout = new MemoryStream();
            var stderr = new MemoryStream();
            Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
            Task copyErr = process.StandardError.BaseStream.CopyToAsync(stderr);
            try
            {
                if (stdin is not null) process.StandardInput.BaseStream.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // the program may exit without reading all of its input (EPIPE on write or on the final flush)
            }
            TimeSpan limit = timeout ?? TimeSpan.FromSeconds(30);
            if (!process.WaitForExit(limit))
            {
                throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {limit}");
            }
            Task.WaitAll([copyOut, copyErr], limit);
            return new ProgramResult(process.ExitCode, stdout.ToArray(), stderr.ToArray());
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
