using Daemontools.Engine.Unix;

namespace Daemontools.Engine.Logging;

/// <summary>The input journal found or made, or none: with the errno of the failure that prevented one (None when there was none to find).</summary>
internal readonly record struct JournalOpening(InputJournal? Journal, Errno Errno);
