using System.Numerics;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Ledger;
using CredentialLedger.Node.Store;
using ChainChamberStatus = CredentialLedger.Contracts.ChamberStatus;

namespace CredentialLedger.Node.Origin;

/// <summary>A chamber as the member sees it: the node's record (name, keys, token) and the chain's status.</summary>
/// <param name="Id">The chamber id.</param>
/// <param name="Name">Its name (empty for a chamber this node does not serve).</param>
/// <param name="Member">Its member.</param>
/// <param name="Account">Its chain account (this node's record, else the chain's current one), or null.</param>
/// <param name="State">Its status on chain (this node's record while onboarding).</param>
/// <param name="Reason">Reason code of the last suspension or withdrawal.</param>
/// <param name="SigningKeyId">Its current signing key, when served here.</param>
/// <param name="TokenFile">Its token file, once onboarded here.</param>
/// <param name="Certificates">How many certificates it issued through this node.</param>
/// <param name="BalanceWei">Its account's balance, when the chain answered.</param>
/// <param name="TransactionHash">The act just done, if any.</param>
/// <param name="BlockNumber">The act's block, if any.</param>
public sealed record ChamberView(
    string Id, string Name, MemberCode Member, Address? Account, ChamberState State, int Reason, Hash32? SigningKeyId, string? TokenFile,
    long Certificates, BigInteger? BalanceWei, Hash32? TransactionHash = null, ulong BlockNumber = 0);

/// <summary>Builds <see cref="ChamberView"/>s from the store, the key ring and the ledger history.</summary>
internal sealed class ChamberViews(ChamberStore store, OriginStore certificates, ChamberKeyRing ring, LedgerFollower ledger, EthClient eth,
    NodeOptions options)
{
    private readonly MemberCode _self = MemberCode.Parse(options.Member);

    /// <summary>The chamber, served here or known on chain.</summary>
    /// <exception cref="OriginRequestException">Neither (NotFound).</exception>
    public async Task<ChamberView> GetAsync(string id, CancellationToken ct)
    {
        var chamberId = ChamberIds.Parse(id);
        var served = store.Get(id);
        var history = ledger.Current.History.GetChamber(chamberId);
        if (served is null && history is null)
            throw OriginRequestException.UnknownChamber(id);
        var counts = certificates.CountByChamber();
        return await ViewAsync(id, served, history, counts, ct).ConfigureAwait(false);
    }

    /// <summary>Every chamber of this member: those served here and those the chain knows.</summary>
    public async Task<(IReadOnlyList<ChamberView> Chambers, ulong SyncedBlock)> ListAsync(CancellationToken ct)
    {
        var history = ledger.Current.History;
        var served = store.List().ToDictionary(c => c.Id);
        var known = history.ChambersOf(_self).ToDictionary(c => c.Id.ToString());
        var counts = certificates.CountByChamber();
        var views = new List<ChamberView>();
        foreach (var id in served.Keys.Union(known.Keys).Order(StringComparer.Ordinal))
            views.Add(await ViewAsync(id, served.GetValueOrDefault(id), known.GetValueOrDefault(id), counts, ct).ConfigureAwait(false));
        return (views, history.Freshness?.Block ?? 0);
    }

    private async Task<ChamberView> ViewAsync(string id, ServedChamber? served, Sdk.Ledger.ChamberHistory? history,
        IReadOnlyDictionary<string, long> counts, CancellationToken ct)
    {
        var state = served?.State ?? ChamberState.Active;
        var reason = served?.Reason ?? 0;
        // The history knows better once it has caught up with this node's last act (see OriginIssuer.CheckMayWrite).
        if (history is not null && served is not { State: ChamberState.Onboarding } && history.Statuses[^1].Position.BlockNumber >= (served?.StatusBlock ?? 0))
        {
            var last = history.Statuses[^1];
            state = last.Status switch
            {
                ChainChamberStatus.Suspended => ChamberState.Suspended,
                ChainChamberStatus.Withdrawn => ChamberState.Withdrawn,
                _ => ChamberState.Active,
            };
            reason = last.Reason;
        }
        var account = served?.Account ?? history?.CurrentAccounts.FirstOrDefault();
        return new ChamberView(id, served?.Name ?? "", history?.Member ?? _self, account, state, reason, ring.Get(id)?.KeyId,
            served?.TokenHash is null ? null : options.Resolve(ChamberTokens.FileName(id)), counts.GetValueOrDefault(id),
            account is { } a ? await BalanceAsync(a, ct).ConfigureAwait(false) : null);
    }

    private async Task<BigInteger?> BalanceAsync(Address account, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            return await eth.GetBalanceAsync(account, BlockParameter.Latest, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (Sdk.Ledger.ChainBlocks.IsTransient(e) || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null; // the chain is away: the rest of the view still answers
        }
    }
}
