namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// The step of a lifecycle operation that did not happen, for the faces to word; each belongs to
/// one <see cref="LifecycleFailure"/> kind. What the exception's Path and other subjects hold is
/// said per step.
/// </summary>
public enum LifecycleStep
{
    /// <summary>Path: the service directory to create, which exists already.</summary>
    CreateExisting,

    /// <summary>Path: the service directory, which appeared while it was being created.</summary>
    CreateRaced,

    /// <summary>Path: the service directory the new one could not be moved to (errno).</summary>
    MoveIntoPlace,

    /// <summary>Path: the directory to be replaced, in which a supervise runs.</summary>
    ReplaceSupervised,

    /// <summary>Path: the account name no account has.</summary>
    FindAccount,

    /// <summary>Path: the file that could not be given to the account <see cref="ServiceLifecycleException.Other"/> (errno).</summary>
    GiveToAccount,

    /// <summary>Path: the directory to delete, which does not exist.</summary>
    DeleteMissing,

    /// <summary>Path: the directory to delete, in which a supervise still runs.</summary>
    DeleteSupervised,

    /// <summary>Path: the directory that could not be renamed before its deletion (errno).</summary>
    RenameBeforeDelete,

    /// <summary>Path: the hidden name the scan directory's entry <see cref="ServiceLifecycleException.Other"/> could not take, as it exists.</summary>
    TakeOutNameTaken,

    /// <summary>Path: the scan directory's entry that could not be moved out of it (errno).</summary>
    TakeOut,

    /// <summary>Path: the path, as given, that is no directory.</summary>
    NotADirectory,

    /// <summary>Path: the service directory that could not be entered (errno).</summary>
    Enter,

    /// <summary>Path: the service directory whose supervise could not be controlled (errno).</summary>
    Control,

    /// <summary>Path: the service directory whose supervise was still running when the <see cref="ServiceLifecycleException.Wait"/> ran out (its process: ./run when up).</summary>
    SuperviseTimedOut,

    /// <summary>Path: the log directory whose logger still had bytes to read when the <see cref="ServiceLifecycleException.Wait"/> ran out.</summary>
    DrainTimedOut,

    /// <summary>Path: the directory to enable, which has no run file.</summary>
    NoRunFile,

    /// <summary>Path: the scan directory's entry that appeared while <see cref="ServiceLifecycleException.Other"/> was being enabled.</summary>
    LinkRaced,

    /// <summary>Path: the scan directory's entry that exists and is not <see cref="ServiceLifecycleException.Other"/>.</summary>
    LinkTaken,

    /// <summary>Path: the scan directory, which does not exist.</summary>
    FindScanDirectory,

    /// <summary>Path: the service directory not enabled in the scan directory <see cref="ServiceLifecycleException.Other"/>.</summary>
    FindEnabled,

    /// <summary>Path: the file or directory a file-system step failed on (the inner exception says how).</summary>
    FileSystem,
}
