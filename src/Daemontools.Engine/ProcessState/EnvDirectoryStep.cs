namespace Daemontools.Engine.ProcessState;

/// <summary>Which step of reading an env directory failed, in envdir's terms.</summary>
public enum EnvDirectoryStep
{
    /// <summary>The current directory could not be opened (envdir needs it to come back).</summary>
    OpenCurrentDirectory,

    /// <summary>The directory could not be entered (missing, not a directory, no search permission).</summary>
    SwitchDirectory,

    /// <summary>The directory could not be listed.</summary>
    ReadDirectory,

    /// <summary>A file in it could not be read.</summary>
    ReadFile,
}
