using System.Text;
using Daemontools.Engine.Interop;

namespace Daemontools.Engine.Tests.Interop;

public sealed class PasswdFileTests
{
    private static PasswdEntry? Find(string content, string name) => PasswdFile.Find(Encoding.UTF8.GetBytes(content), name);

    [Fact]
    public void Finds_the_named_account_with_its_ids_home_and_shell()
    {
        Assert.Equal(new PasswdEntry("app", 1001, 1002, "/srv/app", "/bin/sh"),
            Find("root:x:0:0:root:/root:/bin/bash\napp:x:1001:1002:App,,,:/srv/app:/bin/sh\n", "app"));
    }

    [Fact]
    public void A_name_that_is_only_a_prefix_does_not_match()
    {
        Assert.Null(Find("application:x:5:5::/:/bin/sh\n", "app"));
        Assert.Null(Find("app:x:5:5::/:/bin/sh\n", "ap"));
    }

    [Fact]
    public void Comments_blank_lines_and_lines_with_bad_ids_are_skipped_and_the_first_valid_line_wins()
    {
        string content = "\n   \n#app:x:1:1::/c:/bin/c\napp:x:abc:1::/bad:/bin/bad\napp:x:7::/empty:/bin/e\n  app:x:8:9::/good:/bin/good\napp:x:10:10::/later:/bin/later";
        Assert.Equal(new PasswdEntry("app", 8, 9, "/good", "/bin/good"), Find(content, "app"));
    }

    [Fact]
    public void Missing_trailing_fields_are_empty_and_the_shell_keeps_its_colons()
    {
        Assert.Equal(new PasswdEntry("a", 1, 2, string.Empty, string.Empty), Find("a:x:1:2", "a"));
        Assert.Equal(new PasswdEntry("b", 3, 4, "/h", "/bin/x:y"), Find("b:x:3:4:g:/h:/bin/x:y\n", "b"));
    }

    [Fact]
    public void Ids_beyond_32_bits_make_the_line_invalid()
    {
        Assert.Null(Find("big:x:4294967296:0::/:/bin/sh\n", "big"));
        Assert.Equal(4294967295u, Find("max:x:4294967295:0::/:/bin/sh\n", "max")?.Uid);
    }

    [Theory]
    [InlineData("passwd: files systemd\ngroup: files\n", true)]
    [InlineData("passwd:files\n", true)]
    [InlineData("# passwd: sss files\npasswd:   files   # then nothing\n", true)]
    [InlineData("group: sss files\n", true)]
    [InlineData("", true)]
    [InlineData("passwd: sss files\n", false)]
    [InlineData("passwd: compat\n", false)]
    [InlineData("passwd: files [SUCCESS=continue] ldap\n", false)]
    [InlineData("passwd: files[SUCCESS=continue] ldap\n", false)]
    [InlineData("passwd: filesystem\n", false)]
    public void Files_first_only_when_files_leads_with_default_actions(string nsswitch, bool expected)
    {
        Assert.Equal(expected, StaticAccountLookup.FilesFirst(Encoding.UTF8.GetBytes(nsswitch)));
    }
}
