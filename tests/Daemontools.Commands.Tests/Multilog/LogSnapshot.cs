using System.Text;
using System.Text.RegularExpressions;

namespace Daemontools.Commands.Tests.Multilog;

/// <summary>
/// A log directory rendered for comparison: every entry in name order with its mode and
/// content, archive names replaced by their rank ("@1.s") and TAI64N stamps masked.
/// </summary>
internal static partial class LogSnapshot
{
    [GeneratedRegex("(?m)^@[0-9a-f]{24}")]
    private static partial Regex Stamp();

    public static string Of(string directory)
    {
        var text = new StringBuilder();
        int rank = 0;
        foreach (string path in Directory.GetFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            string shown = name.StartsWith('@') ? $"@{++rank}{name[25..]}" : name;
            string mode = Convert.ToString((int)File.GetUnixFileMode(path), 8);
            string content = name == "lock" ? "" : Mask(File.ReadAllText(path));
            text.Append($"== {shown} {mode} {content.Length}\n{content}");
        }
        return text.ToString();
    }

    public static string Mask(string text) => Stamp().Replace(text, "@T");
}
