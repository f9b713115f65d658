using System.Buffers;
using System.Text;
using Daemontools.Engine.Time;

namespace Daemontools.Engine.Tests.Time;

public sealed class Tai64NLocalConverterTests
{
    private static string Convert(params string[] chunks)
    {
        var converter = new Tai64NLocalConverter();
        var output = new ArrayBufferWriter<byte>();
        foreach (string chunk in chunks) converter.Convert(Encoding.ASCII.GetBytes(chunk), output);
        converter.Complete(output);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }

    private static string Local(string label) => new LocalTimeFormatter().Format(Tai64NLabel.Parse(label))!;

    [Fact]
    public void A_leading_label_becomes_local_time_with_nine_digit_nanoseconds()
    {
        string expected = Local("@4000000037c219bf2ef02e94");
        Assert.Matches(@"^1999-08-2\d \d\d:\d\d:05\.787492500$", expected);
        Assert.Equal(expected + " mark\n", Convert("@4000000037c219bf2ef02e94 mark\n"));
    }

    [Fact]
    public void Lines_without_a_label_pass_through_untouched()
    {
        const string text = "plain line\n x @4000000037c219bf2ef02e94\n\n";
        Assert.Equal(text, Convert(text));
    }

    [Theory]
    [InlineData("@zz\n")]
    [InlineData("@ x\n")]
    [InlineData("@4000000037C219BF2EF02E94 upper\n")]
    [InlineData("@\n")]
    public void Malformed_labels_where_the_original_crashes_pass_through(string line)
    {
        Assert.Equal(line, Convert(line));
    }

    [Fact]
    public void Labels_and_lines_split_across_chunks_convert_as_if_whole()
    {
        const string text = "@4000000037c219bf2ef02e94 one\n@4000000037c219c02ef02e94 two\nthree\n";
        string whole = Convert(text);
        for (int cut = 1; cut < text.Length; cut++)
        {
            Assert.Equal(whole, Convert(text[..cut], text[cut..]));
        }
    }

    [Fact]
    public void The_byte_after_the_hex_digits_is_kept_whatever_it_is()
    {
        string local = Local("@4000000037c219bf2ef02e94");
        Assert.Equal(local + "\tx\n", Convert("@4000000037c219bf2ef02e94\tx\n"));
        Assert.Equal(local + "\n", Convert("@4000000037c219bf2ef02e94\n"));
    }

    [Fact]
    public void A_label_cut_off_by_end_of_input_is_still_converted()
    {
        Assert.Equal(Local("@4000000037c219bf2ef02e94"), Convert("@4000000037c219bf2ef02e94"));
    }
}
