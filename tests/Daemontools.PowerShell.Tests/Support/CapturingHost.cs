using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace Daemontools.PowerShell.Tests.Support;

/// <summary>A PSHost whose UI records everything written, with ANSI escapes removed.</summary>
public sealed partial class CapturingHost : PSHost
{
    private readonly CapturingUserInterface _ui = new();

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => "DaemontoolsTestHost";

    public override PSHostUserInterface UI => _ui;

    public override Version Version => new(1, 0);

    /// <summary>What has been written since the last <see cref="Clear"/>.</summary>
    public string Text => Ansi().Replace(_ui.Buffer.ToString(), string.Empty);

    /// <summary>Answers for PromptForChoice, e.g. to -Confirm prompts (index of the choice).</summary>
    public Queue<int> ChoiceAnswers => _ui.ChoiceAnswers;

    public void Clear() => _ui.Buffer.Clear();

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();

    private sealed class CapturingUserInterface : PSHostUserInterface
    {
        public StringBuilder Buffer { get; } = new();

        public Queue<int> ChoiceAnswers { get; } = new();

        public override PSHostRawUserInterface RawUI { get; } = new RawInterface();

        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException();

        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Buffer.Append(caption).Append('\n').Append(message).Append('\n');
            return ChoiceAnswers.Count > 0 ? ChoiceAnswers.Dequeue() : defaultChoice;
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();

        public override string ReadLine() => string.Empty;

        public override SecureString ReadLineAsSecureString() => new();

        public override void Write(string value) => Buffer.Append(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Buffer.Append(value);

        public override void WriteDebugLine(string message) => Buffer.Append("DEBUG: ").Append(message).Append('\n');

        public override void WriteErrorLine(string value) => Buffer.Append(value).Append('\n');

        public override void WriteLine(string value) => Buffer.Append(value).Append('\n');

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message) => Buffer.Append("VERBOSE: ").Append(message).Append('\n');

        public override void WriteWarningLine(string message) => Buffer.Append("WARNING: ").Append(message).Append('\n');
    }

    private sealed class RawInterface : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override Size BufferSize { get; set; } = new(200, 1000);

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; }

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.White;

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => new(200, 1000);

        public override Size MaxWindowSize => new(200, 1000);

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get; set; } = new(200, 1000);

        public override string WindowTitle { get; set; } = string.Empty;

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
        {
        }

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
        {
        }

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
        {
        }
    }
}
