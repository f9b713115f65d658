using System.Text;
using Daemontools.Engine.Interop;
using Daemontools.Engine.Logging;
using Daemontools.Engine.Unix;
using Xunit.Abstractions;

namespace Daemontools.Engine.Tests.Logging;

/// <summary>
/// A logger that runs for months must not grow: copying lines from a pipe into current (journal,
/// transactions, stamps, selection, status files) allocates no managed memory at all. Measured
/// with GC.GetAllocatedBytesForCurrentThread around the pump's loop, after a first run has
/// initialised whatever initialises once. A collection during the loop (started by another
/// thread of the test host) makes that counter take in the unused rest of this thread's
/// allocation context, up to 8 KB it never allocated: such a run is measured again.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class PumpAllocationTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dt-pump-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Runs a pump over <paramref name="megabytes"/> MB of lines written into a pipe by another thread; the bytes its loop allocated, or null when a collection ran meanwhile.</summary>
    private long? Pump(string[] script, int megabytes)
    {
        string root = Directory.CreateDirectory(Path.Combine(_root, Guid.NewGuid().ToString("N"))).FullName;
        Assert.Equal(Errno.None, Pipe.Create(out PipePair pipe));
        var writer = new Thread(() =>
        {
            byte[] chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 1000).Select(i => $"INFO worker-{i % 16} request {i} completed in {i % 1000} ms\n")));
            long left = megabytes * 1_000_000L;
            while (left > 0)
            {
                Assert.Equal(Errno.None, pipe.Write.WriteAll(chunk));
                left -= chunk.Length;
            }
            pipe.Write.Close();
        });
        var options = new MultilogOptions { StartDirectory = root, Journal = true };
        using Multilog log = Multilog.Open(MultilogScript.Parse(script), options);
        using var pump = new LinePump(log, pipe.Read, LinePump.BufferSize);
        writer.Start();
        int collections = GC.CollectionCount(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool ended = pump.Pump();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        bool collected = GC.CollectionCount(0) != collections;
        writer.Join();
        pipe.Read.Close();
        Assert.True(ended);
        pump.Finish(ended);
        return collected ? null : allocated;
    }

    [Theory]
    [InlineData("t s16777215 ./log")]
    [InlineData("s16777215 -*DEBUG* =status e ./log")]
    public void Copying_lines_allocates_nothing(string script)
    {
        string[] arguments = script.Split(' ');
        Pump(arguments, 1);
        long? allocated = null;
        for (int attempt = 0; attempt < 5 && allocated is null; attempt++)
        {
            GC.Collect();
            allocated = Pump(arguments, 8);
        }
        Assert.True(allocated is not null, "a collection ran during every one of 5 runs");
        output.WriteLine($"multilog {script}: {allocated} bytes allocated by the pump loop over 8 MB of input");
        Assert.Equal(0, allocated);
    }
}
