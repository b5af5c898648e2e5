using System.Diagnostics.CodeAnalysis;
using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Rpc;
using C = CredentialLedger.Contracts.Internal.CredentialRegistryAbi;
using M = CredentialLedger.Contracts.Internal.MemberRegistryAbi;
using O = CredentialLedger.Contracts.Internal.OriginRegistryAbi;
using R = CredentialLedger.Contracts.Internal.MraRegistryAbi;

namespace CredentialLedger.Contracts.Events;

/// <summary>
/// Turns an EVM <see cref="Log"/> of any of the four registries into its typed <see cref="RegistryEvent"/>, so state
/// can be replayed from events alone. Logs are recognised by topic0; a decoder made with
/// <see cref="RegistryEventDecoder(RegistryAddresses)"/> also requires the log to come from the registry that declares
/// the event, and calls anything else unknown. Thread-safe.
/// </summary>
public sealed class RegistryEventDecoder
{
    private enum Registry
    {
        Members,
        Credentials,
        Mras,
        Origins,
    }

    private readonly record struct Stamp(Address Contract, LogPosition Position);

    private sealed record Entry(Registry Registry, EventSignature Signature, Func<DecodedEvent, Stamp, RegistryEvent> Create);

    private static readonly Entry[] Entries =
    [
        // ---------------------------------------------------------------- MemberRegistry
        new(Registry.Members, M.MemberAdmitted, static (e, s) =>
            new MemberAdmitted(Read.Code(e["member"]), Read.U32(e["epoch"]), Read.U64(e["proposalId"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.MemberRemoved, static (e, s) =>
            new MemberRemoved(Read.Code(e["member"]), Read.U64(e["proposalId"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.OperatorAdded, static (e, s) =>
            new OperatorAdded(Read.Code(e["member"]), Read.Address(e["account"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.OperatorRemoved, static (e, s) =>
            new OperatorRemoved(Read.Code(e["member"]), Read.Address(e["account"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.ProposalCreated, static (e, s) =>
            new ProposalCreated(Read.U64(e["proposalId"]), Read.Enum<ProposalKind>(e["kind"]), Read.Code(e["subject"]),
                Read.Code(e["proposer"]), Read.OptionalAddress(e["firstOperator"]), Read.U64(e["expiresAt"]))
            { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.VoteCast, static (e, s) =>
            new VoteCast(Read.U64(e["proposalId"]), Read.Code(e["voter"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.ProposalExecuted, static (e, s) =>
            new ProposalExecuted(Read.U64(e["proposalId"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.KeyRegistered, static (e, s) =>
            new KeyRegistered(Read.Hash(e["keyId"]), Read.Code(e["member"]), Read.OptionalChamber(e["chamber"]),
                Read.U64(e["validFrom"]), Read.U64(e["validUntil"]), e["publicKey"].AsBytes())
            { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.KeyRevoked, static (e, s) =>
            new KeyRevoked(Read.Hash(e["keyId"]), Read.U64(e["effectiveAt"]), Read.U8(e["reason"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.ChamberAuthorized, static (e, s) =>
            new ChamberAuthorized(Read.Chamber(e["chamber"]), Read.Code(e["member"]), Read.Address(e["account"]))
            { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.ChamberSuspended, static (e, s) =>
            new ChamberSuspended(Read.Chamber(e["chamber"]), Read.U8(e["reason"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.ChamberReinstated, static (e, s) =>
            new ChamberReinstated(Read.Chamber(e["chamber"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.ChamberWithdrawn, static (e, s) =>
            new ChamberWithdrawn(Read.Chamber(e["chamber"]), Read.U8(e["reason"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.ChamberAccountAdded, static (e, s) =>
            new ChamberAccountAdded(Read.Chamber(e["chamber"]), Read.Address(e["account"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Members, M.ChamberAccountRemoved, static (e, s) =>
            new ChamberAccountRemoved(Read.Chamber(e["chamber"]), Read.Address(e["account"])) { Contract = s.Contract, Position = s.Position }),

        // ---------------------------------------------------------------- CredentialRegistry
        new(Registry.Credentials, C.BatchAnchored, static (e, s) =>
            new BatchAnchored(Read.Hash(e["root"]), Read.Code(e["issuer"]), Read.U32(e["size"]), Read.U64(e["anchoredAt"]))
            { Contract = s.Contract, Position = s.Position }),
        new(Registry.Credentials, C.CredentialStatusChanged, static (e, s) =>
            new CredentialStatusChanged(Read.Hash(e["root"]), Read.U32(e["index"]), Read.Enum<CredentialStatus>(e["status"]),
                Read.U8(e["reason"]), Read.U64(e["effectiveAt"]))
            { Contract = s.Contract, Position = s.Position }),
        new(Registry.Credentials, C.CredentialStatusesChanged, static (e, s) =>
            new CredentialStatusesChanged(Read.Hash(e["root"]), Read.Enum<CredentialStatus>(e["status"]), Read.U8(e["reason"]),
                Read.U64(e["effectiveAt"]), Read.Uint32s(e["indices"]))
            { Contract = s.Contract, Position = s.Position }),
        new(Registry.Credentials, C.CredentialSuperseded, static (e, s) =>
            new CredentialSuperseded(Read.Hash(e["root"]), Read.U32(e["index"]), Read.Hash(e["newRoot"]), Read.U32(e["newIndex"]),
                Read.U8(e["reason"]), Read.U64(e["effectiveAt"]))
            { Contract = s.Contract, Position = s.Position }),

        // ---------------------------------------------------------------- MraRegistry
        new(Registry.Mras, R.MraProposed, static (e, s) =>
            new MraProposed(Read.U64(e["mraId"]), Read.Code(e["proposer"]), Read.Codes(e["parties"]), Read.U32(e["scope"]),
                Read.U32(e["benefits"]), Read.U64(e["validFrom"]), Read.U64(e["validUntil"]))
            { Contract = s.Contract, Position = s.Position }),
        new(Registry.Mras, R.MraAmended, static (e, s) =>
            new MraAmended(Read.U64(e["mraId"]), Read.U32(e["version"]), Read.Code(e["proposer"]), Read.U32(e["scope"]),
                Read.U32(e["benefits"]), Read.U64(e["validFrom"]), Read.U64(e["validUntil"]))
            { Contract = s.Contract, Position = s.Position }),
        new(Registry.Mras, R.MraAccepted, static (e, s) =>
            new MraAccepted(Read.U64(e["mraId"]), Read.U32(e["version"]), Read.Code(e["party"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Mras, R.MraConcluded, static (e, s) =>
            new MraConcluded(Read.U64(e["mraId"]), Read.U32(e["version"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Mras, R.MraSuspended, static (e, s) =>
            new MraSuspended(Read.U64(e["mraId"]), Read.Code(e["party"]), Read.U8(e["reason"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Mras, R.MraResumed, static (e, s) =>
            new MraResumed(Read.U64(e["mraId"]), Read.Code(e["party"])) { Contract = s.Contract, Position = s.Position }),
        new(Registry.Mras, R.MraTerminated, static (e, s) =>
            new MraTerminated(Read.U64(e["mraId"]), Read.Code(e["party"]), Read.U8(e["reason"])) { Contract = s.Contract, Position = s.Position }),

        // ---------------------------------------------------------------- OriginRegistry
        new(Registry.Origins, O.OriginBatchAnchored, static (e, s) =>
            new OriginBatchAnchored(Read.Hash(e["root"]), Read.Chamber(e["chamber"]), Read.Code(e["member"]), Read.U32(e["size"]),
                Read.U64(e["anchoredAt"]))
            { Contract = s.Contract, Position = s.Position }),
        new(Registry.Origins, O.CertificateRevoked, static (e, s) =>
            new CertificateRevoked(Read.Hash(e["root"]), Read.U32(e["index"]), Read.U8(e["reason"]), Read.U64(e["effectiveAt"]))
            { Contract = s.Contract, Position = s.Position }),
        new(Registry.Origins, O.CertificateUsed, static (e, s) =>
            new CertificateUsed(Read.Hash(e["root"]), Read.U32(e["index"]), Read.Code(e["member"]), Read.Hash(e["declarationRef"]))
            { Contract = s.Contract, Position = s.Position }),
    ];

    private static readonly Dictionary<Hash32, Entry> ByTopic0 = Entries.ToDictionary(e => e.Signature.Topic0);

    private readonly RegistryAddresses? _addresses;

    /// <summary>A decoder that accepts registry events from any contract address.</summary>
    public RegistryEventDecoder()
    {
    }

    /// <summary>A decoder that accepts only events of these registries, each from its own address.</summary>
    public RegistryEventDecoder(RegistryAddresses addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        _addresses = addresses;
    }

    /// <summary>The events of all four registries.</summary>
    public static IReadOnlyList<EventSignature> Signatures { get; } = [.. Entries.Select(e => e.Signature)];

    /// <summary>
    /// An <c>eth_getLogs</c> filter for every event of the registries this decoder was made for, between two blocks.
    /// </summary>
    /// <exception cref="InvalidOperationException">The decoder was made without addresses.</exception>
    public LogFilter CreateFilter(BlockParameter fromBlock, BlockParameter toBlock)
    {
        var addresses = _addresses ?? throw new InvalidOperationException(
            "This decoder accepts any address; create it with the RegistryAddresses to filter by them.");
        IReadOnlyList<Hash32> anyRegistryEvent = [.. Signatures.Select(s => s.Topic0)];
        return new LogFilter { FromBlock = fromBlock, ToBlock = toBlock, Addresses = addresses.All, Topics = [anyRegistryEvent] };
    }

    /// <summary>
    /// Decodes a registry log. Returns false, with <paramref name="registryEvent"/> null, when the log is not an event
    /// of the registries (unknown topic0, or — for a decoder with addresses — not from the declaring registry).
    /// </summary>
    /// <exception cref="AbiDecodingException">The log has a registry event's topic0 but is malformed.</exception>
    /// <exception cref="ArgumentException">The log has no position (a pending log).</exception>
    public bool TryDecode(Log log, [NotNullWhen(true)] out RegistryEvent? registryEvent)
    {
        ArgumentNullException.ThrowIfNull(log);
        registryEvent = null;
        if (log.Topics.Count == 0 || !ByTopic0.TryGetValue(log.Topics[0], out var entry))
            return false;
        if (_addresses is not null && log.Address != AddressOf(entry.Registry, _addresses))
            return false;
        if (log.BlockNumber is not { } block || log.TransactionHash is not { } transaction || log.LogIndex is not { } index)
            throw new ArgumentException("The log has no block number, transaction hash or log index (is it pending?).", nameof(log));
        var decoded = entry.Signature.DecodeLog(log.Topics, log.Data.Span);
        registryEvent = entry.Create(decoded, new Stamp(log.Address, new LogPosition(block, transaction, index)));
        return true;
    }

    /// <summary>Decodes the registry events among <paramref name="logs"/>, in the order given, skipping other logs.</summary>
    /// <exception cref="AbiDecodingException">A log has a registry event's topic0 but is malformed.</exception>
    public IReadOnlyList<RegistryEvent> DecodeAll(IEnumerable<Log> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var events = new List<RegistryEvent>();
        foreach (var log in logs)
        {
            if (TryDecode(log, out var registryEvent))
                events.Add(registryEvent);
        }
        return events;
    }

    private static Address AddressOf(Registry registry, RegistryAddresses addresses) => registry switch
    {
        Registry.Members => addresses.Members,
        Registry.Credentials => addresses.Credentials,
        Registry.Mras => addresses.Mras,
        _ => addresses.Origins,
    };
}
