using Daemontools.Engine.ProcessState;

namespace Daemontools.Commands;

/// <summary>setlock [-nNxX] file program: holds an exclusive flock on file for as long as program runs.</summary>
internal static class SetlockCommand
{
    public const string Name = "setlock";
    private const string Usage = "[ -nNxX ] file program [ arg ... ]";

    public static int Run(string[] args, Chain chain)
    {
        bool wait = true, quiet = false;
        var options = new OptionScanner(Name, args, "nNxX");
        while (options.Next(out char option))
        {
            switch (option)
            {
                case 'n': wait = false; break;
                case 'N': wait = true; break;
                case 'x': quiet = true; break;
                case 'X': quiet = false; break;
                default: throw Failure.WithText(100, $"{options.Problem}{Name}: usage: {Name} {Usage}\n");
            }
        }
        if (args.Length - options.Index < 2) throw Failure.Usage(Name, Usage);
        string file = args[options.Index];
        try
        {
            // Never disposed: the descriptor stays open (and locked) in the program run next.
            _ = LockFile.Acquire(file, wait);
        }
        catch (LockFileException e)
        {
            if (quiet) throw Failure.Silent(0);
            throw Failure.Fatal(Name, $"unable to {(e.Step == LockFileStep.Open ? "open" : "lock")} {file}", errno: e.Errno);
        }
        return chain.Run(Name, args[(options.Index + 1)..]);
    }
}
