using System.Globalization;
using CredentialLedger.Sdk.Audit;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// A replay's progress as one line on stderr, rewritten in place (carriage return), cleared when done. Only for a
/// terminal: when stderr is a file or a pipe (scripts, CI, tests) nothing is written, so logs stay clean.
/// </summary>
internal sealed class AuditProgressLine : IProgress<AuditProgress>, IDisposable
{
    private readonly TextWriter _error;
    private readonly Lock _lock = new();
    private int _width;

    private AuditProgressLine(TextWriter error) => _error = error;

    /// <summary>A progress line on <paramref name="cli"/>'s stderr when that is the console's and a terminal; otherwise null.</summary>
    public static AuditProgressLine? ForTerminal(CliContext cli) =>
        ReferenceEquals(cli.Error, Console.Error) && !Console.IsErrorRedirected ? new AuditProgressLine(cli.Error) : null;

    public void Report(AuditProgress value)
    {
        var percent = value.Target == 0 ? 100 : Math.Min(100, value.Block * 100.0 / value.Target);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"replaying: block {value.Block:N0} of {value.Target:N0} ({percent:F0} %), {value.Events:N0} events, {value.EventsPerSecond:N0} events/s");
        lock (_lock)
        {
            _error.Write("\r" + text.PadRight(_width));
            _error.Flush();
            _width = text.Length;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_width == 0)
                return;
            _error.Write("\r" + new string(' ', _width) + "\r");
            _error.Flush();
            _width = 0;
        }
    }
}
