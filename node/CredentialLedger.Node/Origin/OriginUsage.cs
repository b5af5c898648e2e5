using System.Globalization;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Ledger;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Node.Origin;

/// <summary>
/// The importing member's use of a certificate of origin for a declaration, recorded on chain by
/// <c>OriginRegistry.markUsed</c> from the operator account (through the <see cref="AnchoringWorker"/>, that
/// account's one sender). Only the first use stands: a second is refused naming the first use's member, reference
/// and time, whether the ledger history knows it already or the registry reverts with
/// <c>OriginRegistryAlreadyUsed</c>.
/// </summary>
public sealed class OriginUsage(AnchoringWorker worker, LedgerFollower ledger, RegistryAddresses registries)
{
    /// <summary>Marks the certificate at (<paramref name="root"/>, <paramref name="index"/>) used for <paramref name="declaration"/>.</summary>
    /// <returns>The use as the chain recorded it, and the transaction.</returns>
    /// <exception cref="ArgumentException">Bad declaration reference.</exception>
    /// <exception cref="OriginRequestException">Used already, revoked, or no such certificate on chain.</exception>
    public async Task<(OriginUseRecord Use, Hash32 TransactionHash, ulong BlockNumber)> MarkUsedAsync(
        Hash32 root, uint index, string declaration, CancellationToken ct)
    {
        var reference = DeclarationReference.Encode(declaration);
        var certificate = new OriginRef(root, index);
        if (ledger.Current.History.OriginUseOf(certificate) is { } first)
            throw UsedAlready(certificate, first.Member, first.DeclarationRef, first.UsedAt);
        Hash32 hash;
        ulong block;
        try
        {
            (hash, block) = await worker.SubmitAsync(registries.Origins, OriginRegistryCalls.MarkUsed(root, index, reference), "origin-mark-used", ct)
                .ConfigureAwait(false);
        }
        catch (ContractRevertedException e) when (e.Reason is { Kind: RevertKind.CustomError, Error: { } error })
        {
            var a = e.Reason.Arguments;
            throw error.Name switch
            {
                "OriginRegistryAlreadyUsed" => UsedAlready(certificate, new MemberCode(a[2].AsBytes()), new Hash32(a[3].AsBytes()), (ulong)a[4].AsBigInteger()),
                "OriginRegistryRevoked" => new OriginRequestException(OriginFailure.Refused,
                    $"Certificate {certificate} is revoked: it cannot be used for preference."),
                "OriginRegistryUnknownBatch" => new OriginRequestException(OriginFailure.NotFound,
                    $"No certificate-of-origin batch with root {root} is anchored on chain."),
                "OriginRegistryIndexOutOfRange" => new OriginRequestException(OriginFailure.NotFound,
                    $"Batch {root} holds {a[2].AsBigInteger()} certificate(s): index {index} is not one of them."),
                _ => e,
            };
        }
        await ledger.SyncOnceAsync(ct).ConfigureAwait(false);
        var use = ledger.Current.History.OriginUseOf(certificate)
            ?? throw new InvalidOperationException($"markUsed of {certificate} was confirmed in block {block}, but the ledger history has no use of it.");
        return (use, hash, block);
    }

    private static OriginRequestException UsedAlready(OriginRef certificate, MemberCode member, Hash32 reference, ulong usedAt) =>
        new(OriginFailure.Refused, string.Create(CultureInfo.InvariantCulture,
            $"Certificate {certificate} was used for preference already: by {member} for declaration {DeclarationReference.Decode(reference)} at {DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(usedAt, 253_402_300_799)):yyyy-MM-dd HH:mm:ss}Z; a certificate of origin is used once."));
}
