using System.Globalization;
using CredentialLedger.Contracts.Artifacts;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Contracts.Deployment;

/// <summary>
/// Deploys the four registries from the embedded artifacts (<see cref="ContractArtifacts"/>): the
/// <c>MemberRegistry</c> with its founders first, then the three registries that trust it, and checks each.
/// </summary>
public static class RegistryDeployer
{
    private static readonly AbiType[] MemberRegistryConstructor =
        [AbiType.Parse("bytes2[]"), AbiType.Parse("address[]"), AbiType.Parse("uint64")];

    private static readonly AbiType[] RegistryConstructor = [AbiType.Address];

    /// <summary>The longest voting period <c>MemberRegistry</c> accepts (its <c>MAX_VOTING_PERIOD</c>, 365 days).</summary>
    public static TimeSpan MaxVotingPeriod { get; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Deploys <c>MemberRegistry(founders, firstOperators, votingPeriod)</c>, then <c>CredentialRegistry</c>,
    /// <c>MraRegistry</c> and <c>OriginRegistry</c> with its address, and verifies that the code at each address is
    /// the compiled runtime code (immutables aside) and that each registry trusts the member registry.
    /// </summary>
    /// <param name="deployer">Sends the four deployments (any funded account; it gets no role in the registries) and
    /// reads the deployed code back through its client.</param>
    /// <param name="founders">The founding members, distinct, each with its first operator account (distinct, non-zero).</param>
    /// <param name="votingPeriod">How long proposals stay open; whole seconds, 1 second to <see cref="MaxVotingPeriod"/>.</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    /// <returns>The four addresses.</returns>
    /// <exception cref="ArgumentException">No founders, a repeated founder or operator, or a bad voting period.</exception>
    /// <exception cref="TransactionFailedException">A constructor reverted.</exception>
    /// <exception cref="InvalidOperationException">The code found at an address is not what was deployed.</exception>
    public static async Task<RegistryAddresses> DeployAsync(
        TransactionSender deployer, IReadOnlyList<(MemberCode Code, Address FirstOperator)> founders,
        TimeSpan votingPeriod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployer);
        var client = deployer.Client;
        ArgumentNullException.ThrowIfNull(founders);
        if (founders.Count == 0)
            throw new ArgumentException("At least one founding member is needed.", nameof(founders));
        if (founders.Any(f => !f.Code.IsValid))
            throw new ArgumentException("A founder's code is default(MemberCode).", nameof(founders));
        if (founders.Select(f => f.Code).Distinct().Count() != founders.Count)
            throw new ArgumentException("A founding member is listed twice.", nameof(founders));
        if (founders.Any(f => f.FirstOperator.IsZero) || founders.Select(f => f.FirstOperator).Distinct().Count() != founders.Count)
            throw new ArgumentException("Founders' first operators must be distinct, non-zero accounts.", nameof(founders));
        if (votingPeriod < TimeSpan.FromSeconds(1) || votingPeriod > MaxVotingPeriod || votingPeriod.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentOutOfRangeException(nameof(votingPeriod), votingPeriod,
                "The voting period is a whole number of seconds from 1 second to 365 days (MemberRegistry.MAX_VOTING_PERIOD).");

        var members = await deployer.DeployAsync(ContractArtifacts.MemberRegistry.Bytecode, AbiEncoder.Encode(MemberRegistryConstructor,
        [
            AbiValue.Array([.. founders.Select(f => AbiValue.FixedBytes(f.Code.ToArray()))]),
            AbiValue.Array([.. founders.Select(f => AbiValue.Address(f.FirstOperator))]),
            AbiValue.Uint((ulong)votingPeriod.TotalSeconds),
        ]), cancellationToken).ConfigureAwait(false);
        await VerifyCodeAsync(client, ContractArtifacts.MemberRegistry, members, cancellationToken).ConfigureAwait(false);

        var trustsMembers = AbiEncoder.Encode(RegistryConstructor, [AbiValue.Address(members)]);
        // One sender, three transactions: its nonce manager hands out consecutive nonces, so they can be in flight together.
        var deployments = await Task.WhenAll(
            deployer.DeployAsync(ContractArtifacts.CredentialRegistry.Bytecode, trustsMembers, cancellationToken),
            deployer.DeployAsync(ContractArtifacts.MraRegistry.Bytecode, trustsMembers, cancellationToken),
            deployer.DeployAsync(ContractArtifacts.OriginRegistry.Bytecode, trustsMembers, cancellationToken)).ConfigureAwait(false);
        var addresses = new RegistryAddresses(members, deployments[0], deployments[1], deployments[2]);

        await VerifyCodeAsync(client, ContractArtifacts.CredentialRegistry, addresses.Credentials, cancellationToken).ConfigureAwait(false);
        await VerifyCodeAsync(client, ContractArtifacts.MraRegistry, addresses.Mras, cancellationToken).ConfigureAwait(false);
        await VerifyCodeAsync(client, ContractArtifacts.OriginRegistry, addresses.Origins, cancellationToken).ConfigureAwait(false);
        VerifyLink(addresses, "CredentialRegistry",
            await new CredentialRegistryClient(addresses.Credentials, client).MembersAsync(cancellationToken).ConfigureAwait(false));
        VerifyLink(addresses, "MraRegistry",
            await new MraRegistryClient(addresses.Mras, client).MembersAsync(cancellationToken).ConfigureAwait(false));
        VerifyLink(addresses, "OriginRegistry",
            await new OriginRegistryClient(addresses.Origins, client).MembersAsync(cancellationToken).ConfigureAwait(false));
        return addresses;
    }

    /// <summary>
    /// Checks that the code at <paramref name="address"/> is <paramref name="artifact"/>'s runtime code (immutables
    /// aside), e.g. before trusting the addresses of a network file.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no code, or other code, at the address.</exception>
    public static async Task VerifyCodeAsync(EthClient client, ContractArtifact artifact, Address address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(artifact);
        var code = await client.GetCodeAsync(address, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        if (code.Length == 0)
            throw new InvalidOperationException($"There is no contract code at {address}; expected {artifact.Name}.");
        if (!artifact.MatchesRuntimeCode(code))
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The code at {address} ({code.Length} bytes) is not {artifact.Name} as compiled ({artifact.DeployedBytecode.Length} bytes)."));
    }

    private static void VerifyLink(RegistryAddresses addresses, string name, Address trusted)
    {
        if (trusted != addresses.Members)
            throw new InvalidOperationException($"{name} trusts {trusted}, not the member registry {addresses.Members}.");
    }
}
