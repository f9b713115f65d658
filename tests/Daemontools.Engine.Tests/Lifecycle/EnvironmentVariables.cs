namespace Daemontools.Engine.Tests.Lifecycle;

/// <summary>Tests that change the process environment run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariables
{
    public const string Name = "Environment variables";
}
