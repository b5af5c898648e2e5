using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Contracts.Internal;

/// <summary>What every registry client does: read with <c>eth_call</c>, write through the sender, find emitted events.</summary>
internal sealed class ContractConnection
{
    public ContractConnection(string contractName, Address address, EthClient client, TransactionSender? sender, BlockParameter block)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (address.IsZero)
            throw new ArgumentException($"The {contractName} address is the zero address.", nameof(address));
        ContractName = contractName;
        Address = address;
        Client = client;
        Sender = sender;
        Block = block;
    }

    public string ContractName { get; }

    public Address Address { get; }

    public EthClient Client { get; }

    public TransactionSender? Sender { get; }

    public BlockParameter Block { get; }

    public ContractConnection AtBlock(BlockParameter block) => new(ContractName, Address, Client, Sender, block);

    public async Task<IReadOnlyList<AbiValue>> CallAsync(FunctionSignature function, AbiValue[] arguments, CancellationToken cancellationToken)
    {
        var output = await Client.CallAsync(new CallRequest { To = Address, Data = function.EncodeCall(arguments) }, Block, cancellationToken)
            .ConfigureAwait(false);
        if (output.Length == 0 && function.Outputs.Count > 0)
            throw new AbiDecodingException(
                $"{ContractName}.{function.Name} at {Address} returned no data; is there a {ContractName} at this address (block {Block})?");
        return function.DecodeOutput(output);
    }

    public async Task<AbiValue> CallSingleAsync(FunctionSignature function, AbiValue[] arguments, CancellationToken cancellationToken) =>
        (await CallAsync(function, arguments, cancellationToken).ConfigureAwait(false))[0];

    public Task<TransactionReceipt> SendAsync(FunctionSignature function, AbiValue[] arguments, CancellationToken cancellationToken)
    {
        var sender = Sender ?? throw new InvalidOperationException(
            $"This {ContractName} client was created without a TransactionSender, so it can only read.");
        return sender.SendAndWaitAsync(new TransactionRequest { To = Address, Data = function.EncodeCall(arguments) }, cancellationToken);
    }

    /// <summary>The first log of <paramref name="signature"/> this contract emitted in the transaction, decoded.</summary>
    public DecodedEvent FindEvent(TransactionReceipt receipt, EventSignature signature)
    {
        foreach (var log in receipt.Logs)
        {
            if (log.Address == Address && log.Topics.Count > 0 && log.Topics[0] == signature.Topic0)
                return signature.DecodeLog(log.Topics, log.Data.Span);
        }
        throw new InvalidOperationException(
            $"Transaction {receipt.TransactionHash} succeeded but {ContractName} at {Address} emitted no {signature.Name}.");
    }
}
