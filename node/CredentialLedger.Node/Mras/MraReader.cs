using CredentialLedger.Contracts;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Node.Mras;

/// <summary>
/// Reads MRAs straight from the registries' views, every answer from one block (the head when asked, else the block
/// of the write just confirmed), so that status, versions, terms and "in force" never mix two states. The node's
/// read model is not used: it indexes with a delay, and a write's answer must show the write.
/// </summary>
public sealed class MraReader(EthClient eth, RegistryAddresses registries, TimeProvider time)
{
    private readonly MraRegistryClient _mras = new(registries.Mras, eth);
    private readonly MemberRegistryClient _members = new(registries.Members, eth);

    /// <summary>The chain's head block.</summary>
    public Task<ulong> HeadAsync(CancellationToken ct) => eth.BlockNumberAsync(ct);

    /// <summary>One MRA at <paramref name="block"/> (the head when null), in force evaluated now.</summary>
    /// <exception cref="MraNotFoundException">No MRA has this id.</exception>
    public async Task<MraView> GetAsync(ulong mraId, ulong? block, CancellationToken ct)
    {
        var at = block ?? await HeadAsync(ct).ConfigureAwait(false);
        return await ReadAsync(_mras.AtBlock(BlockParameter.FromNumber(at)), mraId, Now(), at, ct).ConfigureAwait(false);
    }

    /// <summary>The MRAs <paramref name="member"/> is party to, oldest first, at the head.</summary>
    public async Task<MraListing> ListAsync(MemberCode member, CancellationToken ct)
    {
        var block = await HeadAsync(ct).ConfigureAwait(false);
        var mras = _mras.AtBlock(BlockParameter.FromNumber(block));
        var now = Now();
        var ids = await mras.MrasOfAsync(member, ct).ConfigureAwait(false);
        var views = await Task.WhenAll(ids.Select(id => ReadAsync(mras, id, now, block, ct))).ConfigureAwait(false);
        return new MraListing(views, now, block);
    }

    /// <summary>
    /// What <paramref name="member"/> recognizes and what recognizes it at <paramref name="at"/> (now when null), at
    /// the head. Every entry is the registry's own <c>recognizes</c> answer, asked in both directions for each partner
    /// of the member's MRAs and each programme a concluded version of a shared MRA covers; so the answer agrees with
    /// the view by construction (active members only, the verifier's first MRA in force that covers the programme).
    /// </summary>
    public async Task<RecognitionView> RecognitionAsync(MemberCode member, ulong? at, CancellationToken ct)
    {
        var block = await HeadAsync(ct).ConfigureAwait(false);
        var blockParameter = BlockParameter.FromNumber(block);
        var mras = _mras.AtBlock(blockParameter);
        var when = at ?? Now();
        if (!await _members.AtBlock(blockParameter).IsActiveMemberAsync(member, ct).ConfigureAwait(false))
            return new RecognitionView(member, false, when, block, [], []);

        // Partner -> the programmes some concluded version shared with it covers: the only questions that can be "yes".
        var candidates = new SortedDictionary<MemberCode, uint>();
        foreach (var id in await mras.MrasOfAsync(member, ct).ConfigureAwait(false))
        {
            var record = await mras.GetMraAsync(id, ct).ConfigureAwait(false);
            if (record is not { Status: MraStatus.Active, IsConcluded: true })
                continue;
            var terms = await mras.TermsOfAsync(id, record.ConcludedVersion, ct).ConfigureAwait(false);
            foreach (var party in await mras.PartiesOfAsync(id, ct).ConfigureAwait(false))
            {
                if (party != member)
                    candidates[party] = candidates.GetValueOrDefault(party) | (terms?.Scope ?? 0);
            }
        }

        var recognizes = new List<RecognitionEntry>();
        var recognizedBy = new List<RecognitionEntry>();
        foreach (var (partner, scope) in candidates)
        {
            for (byte programme = 0; programme < 32; programme++)
            {
                if ((scope & (1u << programme)) == 0)
                    continue;
                if (await AskAsync(mras, member, partner, programme, when, ct).ConfigureAwait(false) is { } asVerifier)
                    recognizes.Add(asVerifier);
                if (await AskAsync(mras, partner, member, programme, when, ct).ConfigureAwait(false) is { } asIssuer)
                    recognizedBy.Add(asIssuer);
            }
        }
        return new RecognitionView(member, true, when, block, recognizes, recognizedBy);
    }

    private static async Task<RecognitionEntry?> AskAsync(
        MraRegistryClient mras, MemberCode verifier, MemberCode issuer, byte programme, ulong at, CancellationToken ct)
    {
        var answer = await mras.RecognizesAsync(verifier, issuer, programme, at, ct).ConfigureAwait(false);
        return answer.Recognized ? new RecognitionEntry(verifier, issuer, programme, answer.MraId, answer.Version, answer.Benefits) : null;
    }

    private static async Task<MraView> ReadAsync(MraRegistryClient mras, ulong mraId, ulong now, ulong block, CancellationToken ct)
    {
        var record = await mras.GetMraAsync(mraId, ct).ConfigureAwait(false) ?? throw new MraNotFoundException(mraId);
        var parties = await mras.PartiesOfAsync(mraId, ct).ConfigureAwait(false);
        var latest = await TermsAsync(mras, mraId, record.LatestVersion, ct).ConfigureAwait(false);
        var concluded = record.ConcludedVersion switch
        {
            0 => null,
            var v when v == record.LatestVersion => latest,
            var v => await TermsAsync(mras, mraId, v, ct).ConfigureAwait(false),
        };
        var inForce = await mras.InForceAsync(mraId, now, ct).ConfigureAwait(false);
        return new MraView(record, parties, latest, concluded, inForce, now, block);
    }

    private static async Task<MraTerms> TermsAsync(MraRegistryClient mras, ulong mraId, uint version, CancellationToken ct) =>
        await mras.TermsOfAsync(mraId, version, ct).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"MRA {mraId} names version {version}, which the registry does not hold.");

    private ulong Now() => (ulong)time.GetUtcNow().ToUnixTimeSeconds();
}
