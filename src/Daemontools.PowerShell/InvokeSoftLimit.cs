using Daemontools.Engine.ProcessState;

namespace Daemontools.PowerShell;

/// <summary>
/// softlimit for pwsh: runs a program with lower soft resource limits. Values above the hard limit
/// are clamped to it (so [ulong]::MaxValue means "the hard limit", softlimit's "=").
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SoftLimit", SupportsShouldProcess = true)]
[OutputType(typeof(string))]
public sealed class InvokeSoftLimit : ProgramInvocationCmdlet
{
    /// <inheritdoc/>
    [Parameter(Mandatory = true, Position = 0)]
    public override string FilePath { get; set; } = string.Empty;

    /// <inheritdoc/>
    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    public override string[] ArgumentList { get; set; } = [];

    /// <summary>-m: data, stack, locked memory and address space, in bytes.</summary>
    [Parameter] public ulong? MemoryLimit { get; set; }

    /// <summary>-a: address space in bytes.</summary>
    [Parameter] public ulong? AddressSpaceLimit { get; set; }

    /// <summary>-d: data segment in bytes.</summary>
    [Parameter] public ulong? DataLimit { get; set; }

    /// <summary>-s: stack in bytes.</summary>
    [Parameter] public ulong? StackLimit { get; set; }

    /// <summary>-l: locked memory in bytes.</summary>
    [Parameter] public ulong? LockedMemoryLimit { get; set; }

    /// <summary>-r: resident set in bytes.</summary>
    [Parameter] public ulong? ResidentSetLimit { get; set; }

    /// <summary>-c: core files in bytes.</summary>
    [Parameter] public ulong? CoreLimit { get; set; }

    /// <summary>-f: files written, in bytes.</summary>
    [Parameter] public ulong? FileSizeLimit { get; set; }

    /// <summary>-o: open descriptors.</summary>
    [Parameter] public ulong? OpenFilesLimit { get; set; }

    /// <summary>-p: processes of the user.</summary>
    [Parameter] public ulong? ProcessLimit { get; set; }

    /// <summary>-t: CPU seconds.</summary>
    [Parameter] public ulong? CpuTimeLimit { get; set; }

    protected override void EndProcessing()
    {
        var limits = new List<(ResourceLimit, ulong?)>();
        if (MemoryLimit is { } m) limits.AddRange(ResourceLimits.Memory.Select(r => (r, (ulong?)m)));
        Add(limits, ResourceLimit.AddressSpace, AddressSpaceLimit);
        Add(limits, ResourceLimit.Data, DataLimit);
        Add(limits, ResourceLimit.Stack, StackLimit);
        Add(limits, ResourceLimit.LockedMemory, LockedMemoryLimit);
        Add(limits, ResourceLimit.ResidentSet, ResidentSetLimit);
        Add(limits, ResourceLimit.Core, CoreLimit);
        Add(limits, ResourceLimit.FileSize, FileSizeLimit);
        Add(limits, ResourceLimit.OpenFiles, OpenFilesLimit);
        Add(limits, ResourceLimit.Processes, ProcessLimit);
        Add(limits, ResourceLimit.CpuTime, CpuTimeLimit);
        if (ShouldProcess(FilePath, "Run with lower resource limits")) Run(Launch(SessionEnvironment(), limits: limits));
    }

    private static void Add(List<(ResourceLimit, ulong?)> limits, ResourceLimit resource, ulong? value)
    {
        if (value is { } v) limits.Add((resource, v));
    }
}
