using Daemontools.Engine.Interop;
using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Supervision;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Lifecycle;

/// <summary>
/// Writes a <see cref="ServiceLayout"/> into a repository folder (such as /etc/sv) the way a
/// scanner can never see half of it: everything goes into REPOSITORY/.NAME.new-XXXX, is flushed,
/// and is then renamed to REPOSITORY/NAME in one step that fails if the name is taken (or, when
/// replacing, swaps the two directories in one step and deletes the old one).
/// </summary>
public static class ServiceCreation
{
    /// <summary>
    /// Creates the service directory and returns its full path. With <paramref name="replace"/> an
    /// existing directory of that name is replaced, unless a supervise runs in it.
    /// </summary>
    public static string Create(string repository, ServiceLayout layout, bool replace)
    {
        repository = Path.GetFullPath(repository);
        string name = layout.Definition.Name;
        string target = Path.Combine(repository, name);
        bool exists = ServiceLink.Exists(target);
        if (exists && !replace) throw new ServiceLifecycleException(LifecycleStep.CreateExisting, target);
        if (exists) RequireUnsupervised(target);
        var owners = Owners(layout);

        FileStep.Attempt(repository, () => Directory.CreateDirectory(repository));
        string staging = Path.Combine(repository, $".{name}.new-{Guid.NewGuid():N}");
        try
        {
            foreach (ServiceFile file in layout.Files()) Write(staging, file, owners);
            if (layout.ExternalLogDirectory is string external) MakeLogDirectory(external, layout.Definition.Logger!.User, owners);
            Publish(staging, target, exists);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
        return target;
    }

    private static void Publish(string staging, string target, bool replacing)
    {
        // Replacing swaps the two in one step: the old directory ends up under the staging name and goes with it.
        Errno errno = replacing ? FileSystem.Exchange(staging, target) : FileSystem.RenameNoReplace(staging, target);
        if (errno is Errno.EEXIST or Errno.ENOTEMPTY)
        {
            throw new ServiceLifecycleException(LifecycleStep.CreateRaced, target);
        }
        if (errno != Errno.None) throw new ServiceLifecycleException(LifecycleStep.MoveIntoPlace, target, errno);
        if (replacing) TryDelete(staging);
    }

    private static void RequireUnsupervised(string target)
    {
        foreach (string directory in new[] { target, Path.Combine(target, "log") })
        {
            if (SuperviseProbe.Check(directory).Outcome == ProbeOutcome.Running)
            {
                throw new ServiceLifecycleException(LifecycleStep.ReplaceSupervised, directory);
            }
        }
    }

    /// <summary>Every account the layout names, looked up once; a missing one fails before anything is written.</summary>
    private static Dictionary<string, Account> Owners(ServiceLayout layout)
    {
        var accounts = new Dictionary<string, Account>(StringComparer.Ordinal);
        foreach (string? name in new[] { layout.Definition.User, layout.Definition.Logger?.User })
        {
            if (name is null || accounts.ContainsKey(name)) continue;
            accounts[name] = Account.Find(name) ?? throw new ServiceLifecycleException(LifecycleStep.FindAccount, name);
        }
        return accounts;
    }

    private static void Write(string staging, ServiceFile file, Dictionary<string, Account> owners)
    {
        string path = file.RelativePath.Length == 0 ? staging : Path.Combine(staging, file.RelativePath);
        FileStep.Attempt(path, () =>
        {
            if (file.IsDirectory)
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                stream.Write(file.Content);
                stream.Flush(flushToDisk: true);
            }
            FileStep.SetMode(path, file.Mode);
        });
        if (file.Owner is string owner) GiveTo(path, owners[owner]);
    }

    private static void MakeLogDirectory(string directory, string? user, Dictionary<string, Account> owners)
    {
        if (Directory.Exists(directory)) return;
        FileStep.Attempt(directory, () =>
        {
            Directory.CreateDirectory(directory);
            FileStep.SetMode(directory, ServiceLayout.Private);
        });
        if (user is not null) GiveTo(directory, owners[user]);
    }

    private static void GiveTo(string path, Account account)
    {
        Errno errno = FileSystem.SetOwner(path, account.UserId, account.GroupId);
        if (errno != Errno.None) throw new ServiceLifecycleException(LifecycleStep.GiveToAccount, path, errno, other: account.Name);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind under a dot name, which no scanner takes for a service.
        }
    }
}
