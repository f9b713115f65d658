using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands;

/// <summary>softlimit [-acdflmoprst n] child: lowers soft resource limits (never past the hard ones), then runs child.</summary>
internal static class SoftlimitCommand
{
    public const string Name = "softlimit";
    private const string Usage =
        "[-a allbytes] [-c corebytes] [-d databytes] [-f filebytes] [-l lockbytes] [-m membytes] [-o openfiles] [-p processes] [-r residentbytes] [-s stackbytes] [-t cpusecs] child";

    public static int Run(string[] args, Chain chain)
    {
        var options = new OptionScanner(Name, args, "a:c:d:f:l:m:o:p:r:s:t:");
        while (options.Next(out char option))
        {
            IReadOnlyList<ResourceLimit> resources = option switch
            {
                'a' => [ResourceLimit.AddressSpace],
                'c' => [ResourceLimit.Core],
                'd' => [ResourceLimit.Data],
                'f' => [ResourceLimit.FileSize],
                'l' => [ResourceLimit.LockedMemory],
                'm' => ResourceLimits.Memory,
                'o' => [ResourceLimit.OpenFiles],
                'p' => [ResourceLimit.Processes],
                'r' => [ResourceLimit.ResidentSet],
                's' => [ResourceLimit.Stack],
                't' => [ResourceLimit.CpuTime],
                _ => throw Failure.WithText(100, options.Problem + UsageText()),
            };
            ulong? value = Parse(options.Argument);
            foreach (ResourceLimit resource in resources) Limit(chain, resource, value);
        }
        if (options.Index >= args.Length) throw Failure.Usage(Name, Usage);
        return chain.Run(Name, args[options.Index..]);
    }

    /// <summary>"=" is the hard limit (null); otherwise decimal digits, wrapping like scan_ulong; anything else is a usage error.</summary>
    private static ulong? Parse(string text)
    {
        if (text == "=") return null;
        ulong value = 0;
        foreach (char c in text)
        {
            if (c is < '0' or > '9') throw Failure.Usage(Name, Usage);
            value = unchecked((value * 10) + (ulong)(c - '0'));
        }
        return value;
    }

    private static void Limit(Chain chain, ResourceLimit resource, ulong? value)
    {
        if (Chain.Defers(resource))
        {
            chain.Defer(resource, value);
            return;
        }
        try
        {
            ResourceLimits.SetSoft(resource, value);
        }
        catch (ResourceLimitException e)
        {
            throw Failure.Fatal(Name, e.Step == ResourceLimitStep.GetLimit ? "getrlimit failed" : "setrlimit failed", errno: e.Errno);
        }
    }

    private static string UsageText() => $"{Name}: usage: {Name} {Usage}\n";
}
