using Daemontools.Engine.ProcessState;
using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Tests.Unix;

public sealed class ErrnoTextTests
{
    [Fact]
    public void Wording_is_the_originals_and_description_is_strerror()
    {
        Assert.Equal("file does not exist", Errno.ENOENT.Wording());
        Assert.Equal("temporary failure", Errno.EAGAIN.Wording());
        Assert.Equal("access denied", Errno.EACCES.Wording());
        Assert.Equal("unknown error", ((Errno)4095).Wording());
        Assert.Equal("No such file or directory", Errno.ENOENT.Description());
    }

    [Fact]
    public void A_failure_names_its_step_path_and_errno_and_words_nothing()
    {
        var e = new LockFileException(LockFileStep.Lock, "/run/x.lock", Errno.EAGAIN);
        Assert.Equal((LockFileStep.Lock, "/run/x.lock", Errno.EAGAIN), (e.Step, e.Path, e.Errno));
        Assert.Equal(LockFileStep.Lock, e.FailedStep);
        Assert.Equal("Lock /run/x.lock EAGAIN", e.Message);
        Assert.True(e.IsHeldElsewhere);
    }
}
