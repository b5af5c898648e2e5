using CredentialLedger.Evm;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Evm.Transactions;

namespace CredentialLedger.Node.Anchoring;

/// <summary>How a stored transaction ended.</summary>
internal enum SubmissionOutcome
{
    /// <summary>Mined and succeeded.</summary>
    Confirmed,

    /// <summary>Mined and reverted.</summary>
    Reverted,

    /// <summary>Its nonce was used by another transaction: it can never be mined.</summary>
    Replaced,
}

/// <summary>The result of driving a stored transaction to its end.</summary>
internal sealed record SubmissionResult(SubmissionOutcome Outcome, ulong BlockNumber, ulong BlockTime, string? Error);

/// <summary>
/// Signs transactions of one account (the operator's, or a served chamber's), one at a time, and drives a stored one to its end: broadcast (again
/// after <see cref="AnchoringOptions.RebroadcastAfter"/>, the same bytes), poll the receipt, survive the chain going
/// away. The sequence (sign, store, broadcast, confirm) lives in <see cref="AnchoringWorker"/>.
/// </summary>
internal sealed class ChainSubmitter(
    EthClient client, PrivateKey key, ulong chainId, AnchoringOptions options, ILogger logger, TimeProvider time)
{
    private readonly FeeEstimator _fees = new(client);

    public Address Account { get; } = key.Address;

    /// <summary>Estimates gas (a call that would revert throws its decoded error here), fills fees and signs.</summary>
    public async Task<SignedTransaction> SignAsync(Address to, byte[] data, ulong minimumNonce, CancellationToken ct, System.Numerics.BigInteger value = default)
    {
        var estimate = await client.EstimateGasAsync(new CallRequest { From = Account, To = to, Data = data, Value = value.IsZero ? null : value }, ct)
            .ConfigureAwait(false);
        var gasLimit = checked(estimate * (ulong)options.GasMarginPercent / 100);
        var fees = await _fees.EstimateAsync(ct).ConfigureAwait(false);
        var pending = await client.GetTransactionCountAsync(Account, BlockParameter.Pending, ct).ConfigureAwait(false);
        var nonce = Math.Max(pending, minimumNonce);
        Transaction transaction = fees.IsDynamic
            ? new DynamicFeeTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                MaxFeePerGas = fees.MaxFeePerGas!.Value,
                MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas ?? fees.MaxFeePerGas!.Value,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
            }
            : new LegacyTransaction
            {
                ChainId = chainId,
                Nonce = nonce,
                GasPrice = fees.GasPrice!.Value,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
            };
        return TransactionSigner.Sign(transaction, key);
    }

    /// <summary>Broadcasts (and re-broadcasts) the stored transaction until it is mined or can no longer be.</summary>
    public async Task<SubmissionResult> DriveAsync(StoredTransaction stored, CancellationToken ct)
    {
        long? lastBroadcast = null;
        var lastProgress = time.GetTimestamp();
        var retryDelay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                if (lastBroadcast is null || time.GetElapsedTime(lastBroadcast.Value) >= options.RebroadcastAfter)
                {
                    if (lastBroadcast is not null)
                        AnchoringLog.Rebroadcast(logger, stored.Hash, stored.Nonce);
                    lastBroadcast = time.GetTimestamp();
                    if (await BroadcastAsync(stored, ct).ConfigureAwait(false) is { } ended)
                        return ended;
                }

                var receipt = await client.GetTransactionReceiptAsync(stored.Hash, ct).ConfigureAwait(false);
                if (receipt is not null)
                {
                    var block = await client.GetBlockByNumberAsync(receipt.BlockNumber, ct).ConfigureAwait(false);
                    return receipt.Succeeded
                        ? new SubmissionResult(SubmissionOutcome.Confirmed, receipt.BlockNumber, block.Timestamp, null)
                        : new SubmissionResult(SubmissionOutcome.Reverted, receipt.BlockNumber, block.Timestamp,
                            $"reverted in block {receipt.BlockNumber}");
                }
                retryDelay = TimeSpan.FromMilliseconds(100);

                if (options.MineWhenStalled && time.GetElapsedTime(lastProgress) >= options.StallThreshold)
                {
                    // anvil's automine can leave a transaction in the pool; a dev chain only.
                    await client.Rpc.SendAsync("evm_mine", null, static _ => true, ct).ConfigureAwait(false);
                    lastProgress = time.GetTimestamp();
                    continue;
                }
                await Task.Delay(options.ReceiptPollInterval, time, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsUnreachable(e) && !ct.IsCancellationRequested)
            {
                AnchoringLog.ChainUnreachable(logger, e.Message, retryDelay);
                await Task.Delay(retryDelay, time, ct).ConfigureAwait(false);
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, options.MaxRetryDelay.Ticks));
                lastBroadcast = null; // the chain may have restarted without its pool: send the bytes again
                lastProgress = time.GetTimestamp();
            }
        }
    }

    // Null while the transaction may still be mined; a result when it never can be.
    private async Task<SubmissionResult?> BroadcastAsync(StoredTransaction stored, CancellationToken ct)
    {
        try
        {
            await client.SendRawTransactionAsync(stored.Raw, ct).ConfigureAwait(false);
            return null;
        }
        catch (JsonRpcException e) when (e.IsNonceConflict)
        {
            // "already known" / "nonce too low": mined already, or its nonce went to another transaction.
            if (await client.GetTransactionReceiptAsync(stored.Hash, ct).ConfigureAwait(false) is not null)
                return null;
            var mined = await client.GetTransactionCountAsync(Account, BlockParameter.Latest, ct).ConfigureAwait(false);
            if (mined > stored.Nonce && await client.GetTransactionReceiptAsync(stored.Hash, ct).ConfigureAwait(false) is null)
                return new SubmissionResult(SubmissionOutcome.Replaced, 0, 0, $"nonce {stored.Nonce} was used by another transaction");
            return null;
        }
    }

    /// <summary>True for failures that mean "the chain is not there right now".</summary>
    public static bool IsUnreachable(Exception e) => e switch
    {
        RpcTransportException => true,
        HttpRequestException => true,
        TimeoutException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };
}
