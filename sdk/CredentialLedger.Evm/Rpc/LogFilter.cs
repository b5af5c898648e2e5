namespace CredentialLedger.Evm.Rpc;

/// <summary>
/// The criteria of an <c>eth_getLogs</c> query: a block range, emitting contracts and topic filters.
/// <see cref="EthClient.GetLogsAsync(LogFilter, CancellationToken)"/> splits the range into pages.
/// </summary>
public sealed record LogFilter
{
    /// <summary>The first block, inclusive. Default: earliest.</summary>
    public BlockParameter FromBlock { get; init; } = BlockParameter.Earliest;

    /// <summary>The last block, inclusive. Default: latest.</summary>
    public BlockParameter ToBlock { get; init; } = BlockParameter.Latest;

    /// <summary>Contracts whose logs match; empty for any contract.</summary>
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    /// <summary>
    /// Topic filters by position: null at a position matches anything; a list matches any of its hashes
    /// (OR); positions combine with AND. Trailing positions may be omitted.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Hash32>?> Topics { get; init; } = [];
}
