using System.Diagnostics;
using Daemontools.Engine.Lifecycle;

namespace Daemontools.Engine.Tests.Lifecycle;

public sealed class ShellWordTests
{
    [Theory]
    [InlineData("plain/path-1.2_x")]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("it's")]
    [InlineData("'''")]
    [InlineData("$HOME `id` $(id) \\n \"q\"")]
    [InlineData("*?[a] ~ # ; & | < > ( ) { }")]
    [InlineData("line\nbreak")]
    [InlineData("a=b")]
    public void Sh_reads_a_quoted_word_back_as_the_text(string text)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("printf %s " + ShellWord.Quote(text));
        using Process sh = Process.Start(info)!;
        string output = sh.StandardOutput.ReadToEnd();
        Assert.True(sh.WaitForExit(10_000));
        Assert.Equal(text, output);
    }

    [Fact]
    public void Plain_words_stay_unquoted_and_others_are_single_quoted()
    {
        Assert.Equal("/opt/dt/bin/envdir", ShellWord.Quote("/opt/dt/bin/envdir"));
        Assert.Equal("'www data'", ShellWord.Quote("www data"));
        Assert.Equal("'it'\\''s'", ShellWord.Quote("it's"));
        Assert.Equal("'a=b'", ShellWord.Quote("a=b"));
    }
}
