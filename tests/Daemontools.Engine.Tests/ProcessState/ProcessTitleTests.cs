using Daemontools.Engine.ProcessState;

namespace Daemontools.Engine.Tests.ProcessState;

public sealed class ProcessTitleTests
{
    [Fact]
    public void The_process_title_is_found_only_for_the_real_last_argument()
    {
        Assert.Null(ProcessTitle.FindLastArgument("an argument this process was not given"));
    }
}
