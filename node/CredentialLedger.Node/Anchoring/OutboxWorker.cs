using CredentialLedger.Node.Store;

namespace CredentialLedger.Node.Anchoring;

/// <summary>
/// The loop both anchoring workers (AEO credentials, certificates of origin) run: resume what a previous run left
/// signed but unconfirmed, then step until stopped, sleeping until the next step is due or a store commit wakes it;
/// a failed step is logged and retried after a delay that doubles up to <see cref="AnchoringOptions.MaxRetryDelay"/>
/// and falls back once a step succeeds. The worker must outlive any one failure: the outbox keeps the work.
/// </summary>
public abstract class OutboxWorker : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private readonly StoreWriter _writer;
    private readonly AnchoringOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _wake = new(0, 1);

    private protected OutboxWorker(StoreWriter writer, AnchoringOptions options, TimeProvider time)
    {
        _writer = writer;
        _options = options;
        _time = time;
        writer.Committed += Wake;
    }

    /// <summary>Finishes what a previous run left: stored transactions sent again, receipts awaited.</summary>
    private protected abstract Task ResumeAsync(CancellationToken ct);

    /// <summary>Does what is due now. Returns how long to wait before the next step (null: step again now).</summary>
    internal abstract Task<TimeSpan?> StepAsync(CancellationToken ct);

    /// <summary>Logs a failed step; returns false when the failure is not this worker's to describe (logged as a failed step then).</summary>
    private protected virtual bool LogKnownFailure(Exception e, TimeSpan retryDelay) => false;

    /// <summary>Logs a failed step that no more specific message describes.</summary>
    private protected abstract void LogStepFailed(Exception e, TimeSpan retryDelay);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryDelay = FirstRetryDelay;
        var resumed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!resumed)
                {
                    await ResumeAsync(stoppingToken).ConfigureAwait(false);
                    resumed = true;
                }
                var next = await StepAsync(stoppingToken).ConfigureAwait(false);
                retryDelay = FirstRetryDelay;
                if (next is { } wait && wait > TimeSpan.Zero)
                    await _wake.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive any one failure; it logs and retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (!LogKnownFailure(e, retryDelay))
                    LogStepFailed(e, retryDelay);
                try
                {
                    await Task.Delay(retryDelay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                retryDelay = Grow(retryDelay);
            }
        }
    }

    /// <summary>Doubles a retry delay, up to <see cref="AnchoringOptions.MaxRetryDelay"/>.</summary>
    private protected TimeSpan Grow(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));

    /// <summary>Ends the current wait so the next step runs now (new work was stored or queued).</summary>
    private protected void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _writer.Committed -= Wake;
        _wake.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
