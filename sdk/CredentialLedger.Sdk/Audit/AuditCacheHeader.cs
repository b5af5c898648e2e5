using CredentialLedger.Contracts;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

/// <summary>What an audit event cache covers: the chain, the registries, and the blocks from first to last.</summary>
/// <param name="ChainId">The EIP-155 chain id.</param>
/// <param name="Registries">The four registries whose logs it holds.</param>
/// <param name="FromBlock">The first block covered.</param>
/// <param name="ToBlock">The last block covered.</param>
/// <param name="ToBlockHash">The last block's hash (a replay extending the cache checks the chain still has it).</param>
/// <param name="ToBlockTime">The last block's unix time.</param>
/// <param name="BlockCount">How many blocks with registry logs it holds.</param>
/// <param name="LogCount">How many logs it holds.</param>
public sealed record AuditCacheHeader(
    ulong ChainId, RegistryAddresses Registries, ulong FromBlock, ulong ToBlock, Hash32 ToBlockHash, ulong ToBlockTime, long BlockCount, long LogCount);
