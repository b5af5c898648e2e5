using System.ComponentModel.DataAnnotations;
using System.Numerics;

namespace CredentialLedger.Node.Origin;

/// <summary>How the node serves chambers of commerce (the "chambers" section of node.json).</summary>
/// <example><code>"chambers": { "fundingEther": 10 }</code></example>
public sealed class ChamberOptions
{
    /// <summary>
    /// On a network that charges gas (gas price above zero), a chamber's account is funded from the operator account
    /// with this much ether at onboarding, and topped up to it whenever it falls below a fifth of it (chambers send
    /// their own anchoring and revoking transactions). 0 turns funding off. Default: 10, meant for anvil dev networks;
    /// a permissioned network without gas fees funds nothing whatever this says.
    /// </summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal FundingEther { get; set; } = 10m;

    /// <summary><see cref="FundingEther"/> in wei.</summary>
    public BigInteger FundingWei() => new(decimal.Truncate(FundingEther * 1_000_000_000m) * 1_000_000_000m);
}
