using System.ComponentModel.DataAnnotations;

namespace CredentialLedger.Evm.Rpc;

/// <summary>
/// Settings of <see cref="EthClient"/>. JSON shape: <c>"EthClient": { "MaxLogBlockRange": 2000 }</c>.
/// </summary>
public sealed class EthClientOptions
{
    /// <summary>
    /// The largest block range one <c>eth_getLogs</c> request covers; longer ranges are split into pages of this
    /// size, and a page the node refuses as too large is halved. Default: 2000 (under the 2k–10k caps of common
    /// providers; a permissioned node usually has none).
    /// </summary>
    [Range(1, 1_000_000)]
    public ulong MaxLogBlockRange { get; set; } = 2000;
}
