namespace Daemontools.Commands.Tests.Multilog;

/// <summary>
/// A full file system: a 256 KiB tmpfs (tests run as root) filled to the last block. multilog
/// must say so in the original's words, pause, retry, and lose nothing once space returns.
/// </summary>
public sealed class MultilogDiskFullTests
{
    [Fact]
    public void Disk_full_pauses_warns_and_loses_nothing()
    {
        using var temp = new TempDirectory();
        string mount = temp.Combine("small");
        Directory.CreateDirectory(mount);
        ProgramResult mounted = ProgramRun.Run("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mount]);
        Assert.True(mounted.ExitCode == 0, $"mounting a size-limited tmpfs needs root: {mounted.Err}");
        try
        {
            using (var log = new RunningMultilog(Programs.Ours("multilog"), mount, "s16777215", "./log"))
            {
                Eventually.True(() => File.Exists(Path.Combine(mount, "log", "current")), "multilog to start");
                string filler = Path.Combine(mount, "filler");
                using (FileStream fill = File.Create(filler))
                {
                    byte[] block = new byte[4096];
                    try
                    {
                        while (true)
                        {
                            fill.Write(block);
                            fill.Flush();
                        }
                    }
                    catch (IOException)
                    {
                        // the file system is full
                    }
                }

                string expected = log.WriteNumberedLines(10, 100, "of the disk-full test");
                Eventually.True(
                    () => log.Stderr.Any(l => l == "multilog: warning: unable to write to ./log/current, pausing: out of disk space"),
                    "the disk-full warning");
                File.Delete(filler);
                log.CloseInput();
                Assert.Equal(0, log.WaitForExit(TimeSpan.FromSeconds(30)));
                Assert.Equal(expected, File.ReadAllText(Path.Combine(mount, "log", "current")));
            }
        }
        finally
        {
            ProgramRun.Run("/bin/umount", ["-l", mount]);
        }
    }
}
