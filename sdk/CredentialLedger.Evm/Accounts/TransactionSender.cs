using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Evm.Transactions;

namespace CredentialLedger.Evm.Accounts;

/// <summary>
/// Sends transactions from one account: fills the nonce (<see cref="NonceManager"/>), fees (<see cref="FeeEstimator"/>)
/// and gas limit, signs, submits, and waits for receipts. Safe to use from many tasks at once. The key is used only to
/// sign and is never logged; the caller keeps ownership of it.
/// </summary>
public sealed class TransactionSender : IDisposable
{
    private readonly PrivateKey _key;
    private readonly EthClient _client;
    private readonly FeeEstimator _fees;
    private readonly TransactionSenderOptions _options;
    private readonly TimeProvider _timeProvider;
    // What was sent, so a reverted transaction can be replayed with eth_call to learn why.
    private readonly ConcurrentDictionary<Hash32, Transaction> _sent = new();

    /// <summary>Creates a sender for <paramref name="key"/>'s account on chain <paramref name="chainId"/>.</summary>
    /// <exception cref="ValidationException">The options are out of range.</exception>
    public TransactionSender(PrivateKey key, EthClient client, ulong chainId, TransactionSenderOptions? options = null,
        FeeEstimator? feeEstimator = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(client);
        _key = key;
        _client = client;
        ChainId = chainId;
        _options = options ?? new TransactionSenderOptions();
        Validator.ValidateObject(_options, new ValidationContext(_options), validateAllProperties: true);
        _fees = feeEstimator ?? new FeeEstimator(client);
        _timeProvider = timeProvider ?? TimeProvider.System;
        Address = key.Address;
        Nonces = new NonceManager(client, Address);
    }

    /// <summary>The sending account.</summary>
    public Address Address { get; }

    /// <summary>The client the sender sends and reads through.</summary>
    public EthClient Client => _client;

    /// <summary>The chain id signed into every transaction (EIP-155 / EIP-1559).</summary>
    public ulong ChainId { get; }

    /// <summary>The account's nonce allocator.</summary>
    public NonceManager Nonces { get; }

    /// <summary>
    /// Fills, signs and submits <paramref name="request"/>. Gas is estimated before a nonce is taken, so a call that
    /// would revert throws the decoded revert without using up a nonce.
    /// </summary>
    /// <returns>The submitted transaction (its <see cref="SignedTransaction.Hash"/> identifies it).</returns>
    /// <exception cref="JsonRpcException">The node refused the transaction.</exception>
    public async Task<SignedTransaction> SendAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fees = request.Fees ?? await _fees.EstimateAsync(cancellationToken).ConfigureAwait(false);
        var gasLimit = request.GasLimit ?? await EstimateGasAsync(request, cancellationToken).ConfigureAwait(false);

        for (var attempt = 0; ; attempt++)
        {
            var nonce = await Nonces.NextAsync(cancellationToken).ConfigureAwait(false);
            var signed = TransactionSigner.Sign(Build(request, fees, gasLimit, nonce), _key);
            try
            {
                await _client.SendRawTransactionAsync(signed.RawBytes, cancellationToken).ConfigureAwait(false);
                _sent[signed.Hash] = signed.Transaction;
                return signed;
            }
            catch (JsonRpcException e) when (e.IsNonceConflict && attempt < _options.MaxNonceRetries)
            {
                Nonces.Resync();
            }
            catch
            {
                // The nonce may or may not be used now; ask the node next time.
                Nonces.Resync();
                throw;
            }
        }
    }

    /// <summary>Sends and waits for the receipt (see <see cref="WaitForReceiptAsync"/>).</summary>
    public async Task<TransactionReceipt> SendAndWaitAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        var signed = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await WaitForReceiptAsync(signed.Hash, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deploys a contract: <paramref name="bytecode"/> followed by the ABI-encoded constructor arguments.
    /// </summary>
    /// <returns>The new contract's address.</returns>
    /// <exception cref="TransactionFailedException">The constructor reverted.</exception>
    public async Task<Address> DeployAsync(ReadOnlyMemory<byte> bytecode, ReadOnlyMemory<byte> constructorArguments,
        CancellationToken cancellationToken)
    {
        if (bytecode.IsEmpty)
            throw new ArgumentException("The bytecode is empty.", nameof(bytecode));
        var data = new byte[bytecode.Length + constructorArguments.Length];
        bytecode.CopyTo(data);
        constructorArguments.CopyTo(data.AsMemory(bytecode.Length));
        var receipt = await SendAndWaitAsync(new TransactionRequest { Data = data }, cancellationToken).ConfigureAwait(false);
        return receipt.ContractAddress
            ?? throw new InvalidOperationException($"Receipt of {receipt.TransactionHash} has no contract address.");
    }

    /// <summary>
    /// Polls for the receipt every <see cref="TransactionSenderOptions.PollInterval"/> until it exists and has
    /// <see cref="TransactionSenderOptions.Confirmations"/> blocks, or <see cref="TransactionSenderOptions.ReceiptTimeout"/>
    /// passes. With <see cref="TransactionSenderOptions.MineWhenStalled"/>, calls <c>evm_mine</c> when progress lags.
    /// </summary>
    /// <exception cref="TransactionFailedException">The transaction reverted (status 0).</exception>
    /// <exception cref="TimeoutException">No (sufficiently confirmed) receipt in time.</exception>
    public async Task<TransactionReceipt> WaitForReceiptAsync(Hash32 transactionHash, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var lastProgress = started;
        TransactionReceipt? receipt = null;
        while (true)
        {
            receipt ??= await _client.GetTransactionReceiptAsync(transactionHash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null)
            {
                var head = _options.Confirmations == 1
                    ? receipt.BlockNumber
                    : await _client.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
                if (head >= receipt.BlockNumber && head - receipt.BlockNumber + 1 >= (ulong)_options.Confirmations)
                    break;
            }

            if (_timeProvider.GetElapsedTime(started) >= _options.ReceiptTimeout)
                throw new TimeoutException(receipt is null
                    ? $"No receipt for {transactionHash} within {_options.ReceiptTimeout}."
                    : $"Receipt for {transactionHash} did not reach {_options.Confirmations} confirmations within {_options.ReceiptTimeout}.");
            if (_options.MineWhenStalled && _timeProvider.GetElapsedTime(lastProgress) >= _options.StallThreshold)
            {
                await _client.Rpc.SendAsync("evm_mine", null, static _ => true, cancellationToken).ConfigureAwait(false);
                lastProgress = _timeProvider.GetTimestamp();
                continue;
            }
            await Task.Delay(_options.PollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        _sent.TryRemove(transactionHash, out var transaction);
        if (receipt.Succeeded)
            return receipt;
        var revert = transaction is null ? null : await ReplayAsync(transaction, receipt, cancellationToken).ConfigureAwait(false);
        throw new TransactionFailedException(receipt, revert);
    }

    /// <inheritdoc />
    public void Dispose() => Nonces.Dispose();

    private async Task<ulong> EstimateGasAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        var estimate = await _client.EstimateGasAsync(new CallRequest
        {
            From = Address,
            To = request.To,
            Data = request.Data,
            Value = request.Value.IsZero ? null : request.Value,
        }, cancellationToken).ConfigureAwait(false);
        return checked(estimate * (ulong)_options.GasMarginPercent / 100);
    }

    private Transaction Build(TransactionRequest request, FeeEstimate fees, ulong gasLimit, ulong nonce) => fees.IsDynamic
        ? new DynamicFeeTransaction
        {
            ChainId = ChainId,
            Nonce = nonce,
            MaxFeePerGas = fees.MaxFeePerGas!.Value,
            MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas ?? fees.MaxFeePerGas!.Value,
            GasLimit = gasLimit,
            To = request.To,
            Value = request.Value,
            Data = request.Data,
        }
        : new LegacyTransaction
        {
            ChainId = ChainId,
            Nonce = nonce,
            GasPrice = fees.GasPrice ?? throw new ArgumentException("The fee estimate has neither a fee cap nor a gas price.", nameof(fees)),
            GasLimit = gasLimit,
            To = request.To,
            Value = request.Value,
            Data = request.Data,
        };

    // Replays the reverted transaction as a call at its block; the node's answer (usually the decoded revert) explains it.
    private async Task<Exception?> ReplayAsync(Transaction transaction, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            await _client.CallAsync(new CallRequest
            {
                From = Address,
                To = transaction.To,
                Data = transaction.Data,
                Value = transaction.Value.IsZero ? null : transaction.Value,
                Gas = transaction.GasLimit,
            }, BlockParameter.FromNumber(receipt.BlockNumber), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException and not RpcTransportException)
        {
            return e;
        }
    }
}
