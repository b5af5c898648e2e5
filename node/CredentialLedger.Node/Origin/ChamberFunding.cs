using System.Globalization;
using System.Numerics;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Anchoring;

namespace CredentialLedger.Node.Origin;

/// <summary>
/// Keeps a chamber's account able to pay for its transactions: on a network that charges gas, the operator account
/// sends it <see cref="ChamberOptions.FundingEther"/> at onboarding and tops it up whenever it falls below a fifth
/// (through the <see cref="AnchoringWorker"/>, the operator account's one sender).
/// </summary>
public sealed class ChamberFunding(AnchoringWorker worker, EthClient eth, ChamberOptions options)
{
    /// <summary>Funds <paramref name="account"/> if it needs it; returns what was done, or null.</summary>
    /// <param name="account">The chamber's account.</param>
    /// <param name="threshold">Fund below this share of the target (1 at onboarding: fill up; 0.2 in the worker).</param>
    /// <param name="ct">Cancels the wait.</param>
    public async Task<string?> EnsureAsync(Address account, decimal threshold, CancellationToken ct)
    {
        var target = options.FundingWei();
        if (target.IsZero)
            return null;
        // Networks without gas fees (a permissioned Besu with a zero minimum gas price) need no funding.
        if ((await eth.GasPriceAsync(ct).ConfigureAwait(false)).IsZero)
            return null;
        var balance = await eth.GetBalanceAsync(account, BlockParameter.Latest, ct).ConfigureAwait(false);
        var floor = target * new BigInteger(threshold * 100) / 100;
        if (balance >= floor && balance > BigInteger.Zero)
            return null;
        var amount = target - balance;
        var (hash, _) = await worker.SubmitAsync(account, [], amount, "chamber-fund", ct).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"funded the chamber account with {Ether(amount)} ETH from the operator account (tx {hash})");
    }

    private static string Ether(BigInteger wei) =>
        ((decimal)(wei / 1_000_000_000) / 1_000_000_000m).ToString("0.#########", CultureInfo.InvariantCulture);
}
