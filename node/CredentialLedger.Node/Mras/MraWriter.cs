using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Anchoring;

namespace CredentialLedger.Node.Mras;

/// <summary>
/// This member's MRA acts. Each is checked (<see cref="MraValidation"/>, <see cref="MraTermsDraft"/>), then sent from
/// the operator account through the <see cref="AnchoringWorker"/>, that account's one sender (a second sender would
/// race it for nonces), and answered once confirmed with the MRA as of that transaction's block. A call the registry
/// would refuse fails at gas estimation with its decoded error, before anything is signed. A caller that gives up
/// waiting does not withdraw the act: it is sent all the same, as a key rotation is.
/// </summary>
public sealed class MraWriter(AnchoringWorker worker, MraReader reader, EthClient eth, RegistryAddresses registries, MemberCode self)
{
    private readonly RegistryEventDecoder _events = new(registries);

    /// <summary>This node's member: the party every act is made as.</summary>
    public MemberCode Self => self;

    /// <summary>Proposes an MRA as version 1 (accepted by this member at once).</summary>
    /// <param name="parties">Member codes in any order, this member among them; sorted here for the registry.</param>
    /// <param name="terms">The terms.</param>
    /// <param name="ct">Stops the wait (not the act).</param>
    /// <exception cref="ArgumentException">Bad parties.</exception>
    public async Task<MraWrite> ProposeAsync(IReadOnlyList<string> parties, MraTermsDraft terms, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var sorted = MraValidation.Parties(parties, self);
        var (hash, block) = await worker.SubmitAsync(registries.Mras,
            MraRegistryCalls.Propose(sorted, terms.Scope, terms.Benefits, terms.ValidFrom, terms.ValidUntil), "mra-propose", ct)
            .ConfigureAwait(false);
        var proposed = await EventAsync<MraProposed>(hash, ct).ConfigureAwait(false);
        return await AnswerAsync(proposed.MraId, hash, block, 1, ct).ConfigureAwait(false);
    }

    /// <summary>Accepts <paramref name="version"/> (the latest) of an MRA this member is party to.</summary>
    public Task<MraWrite> AcceptAsync(ulong mraId, uint version, CancellationToken ct)
    {
        var id = MraValidation.MraId(mraId);
        return SendAsync(id, MraRegistryCalls.Accept(id, MraValidation.Version(version)), "mra-accept", ct);
    }

    /// <summary>Opens a new version with <paramref name="terms"/>, accepted by this member; the other parties must accept it.</summary>
    public async Task<MraWrite> AmendAsync(ulong mraId, MraTermsDraft terms, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var id = MraValidation.MraId(mraId);
        var (hash, block) = await worker.SubmitAsync(registries.Mras,
            MraRegistryCalls.Amend(id, terms.Scope, terms.Benefits, terms.ValidFrom, terms.ValidUntil), "mra-amend", ct)
            .ConfigureAwait(false);
        // The event names the version this transaction opened, even if another party amended again in the same block.
        var amended = await EventAsync<MraAmended>(hash, ct).ConfigureAwait(false);
        return await AnswerAsync(id, hash, block, amended.Version, ct).ConfigureAwait(false);
    }

    /// <summary>Suspends an active MRA.</summary>
    public Task<MraWrite> SuspendAsync(ulong mraId, uint reason, CancellationToken ct)
    {
        var id = MraValidation.MraId(mraId);
        return SendAsync(id, MraRegistryCalls.Suspend(id, MraValidation.Reason(reason)), "mra-suspend", ct);
    }

    /// <summary>Lifts a suspension.</summary>
    public Task<MraWrite> ResumeAsync(ulong mraId, CancellationToken ct)
    {
        var id = MraValidation.MraId(mraId);
        return SendAsync(id, MraRegistryCalls.Resume(id), "mra-resume", ct);
    }

    /// <summary>Terminates an MRA, for good.</summary>
    public Task<MraWrite> TerminateAsync(ulong mraId, uint reason, CancellationToken ct)
    {
        var id = MraValidation.MraId(mraId);
        return SendAsync(id, MraRegistryCalls.Terminate(id, MraValidation.Reason(reason)), "mra-terminate", ct);
    }

    private async Task<MraWrite> SendAsync(ulong mraId, byte[] data, string purpose, CancellationToken ct)
    {
        var (hash, block) = await worker.SubmitAsync(registries.Mras, data, purpose, ct).ConfigureAwait(false);
        return await AnswerAsync(mraId, hash, block, null, ct).ConfigureAwait(false);
    }

    private async Task<MraWrite> AnswerAsync(ulong mraId, Hash32 hash, ulong block, uint? opened, CancellationToken ct) =>
        new(await reader.GetAsync(mraId, block, ct).ConfigureAwait(false), hash, block, opened);

    private async Task<T> EventAsync<T>(Hash32 transaction, CancellationToken ct) where T : RegistryEvent
    {
        var receipt = await eth.GetTransactionReceiptAsync(transaction, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Transaction {transaction} was confirmed but has no receipt now (a reorganization?).");
        return _events.DecodeAll(receipt.Logs).OfType<T>().FirstOrDefault()
            ?? throw new InvalidOperationException($"Transaction {transaction} emitted no {typeof(T).Name}.");
    }
}
