using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Issuance;
using CredentialLedger.Node.Keys;
using CredentialLedger.Node.Ledger;
using CredentialLedger.Node.Store;
using ChainChamberStatus = CredentialLedger.Contracts.ChamberStatus;

namespace CredentialLedger.Node.Origin;

/// <summary>What onboarding a chamber did, and where its token file is.</summary>
/// <param name="Chamber">The chamber, onboarded.</param>
/// <param name="TokenFile">Its bearer token file (mode 0600).</param>
/// <param name="Steps">What was done, in order.</param>
public sealed record ChamberOnboarding(ChamberView Chamber, string TokenFile, IReadOnlyList<string> Steps);

/// <summary>
/// The member's acts on its chambers of commerce. Each is checked against the chain first (the chamber exists, is
/// this member's, is in a status the act applies to), so a refusal is one clear sentence and nothing is sent; then it
/// is sent from the operator account through the <see cref="AnchoringWorker"/> (that account's one sender) and the
/// ledger history is synced, so issuance sees the change at once.
/// </summary>
/// <remarks>
/// Onboarding is resumable: the keys are saved in the keystore before anything goes to the chain, and each later step
/// (authorize, register the key, fund, write the token) is skipped when the chain or the store shows it done.
/// </remarks>
public sealed class ChamberRegistrar
{
    private readonly AnchoringWorker _worker;
    private readonly KeystoreHandle _keystore;
    private readonly ChamberStore _store;
    private readonly ChamberTokens _tokens;
    private readonly ChamberKeyRing _ring;
    private readonly ChamberFunding _funding;
    private readonly ChamberViews _views;
    private readonly LedgerFollower _ledger;
    private readonly MemberRegistryClient _members;
    private readonly RegistryAddresses _registries;
    private readonly MemberCode _self;
    private readonly NodeOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    internal ChamberRegistrar(AnchoringWorker worker, KeystoreHandle keystore, ChamberStore store, ChamberTokens tokens, ChamberKeyRing ring,
        ChamberFunding funding, ChamberViews views, LedgerFollower ledger, EthClient eth, RegistryAddresses registries, NodeOptions options,
        TimeProvider time)
    {
        _worker = worker;
        _keystore = keystore;
        _store = store;
        _tokens = tokens;
        _ring = ring;
        _funding = funding;
        _views = views;
        _ledger = ledger;
        _members = new MemberRegistryClient(registries.Members, eth);
        _registries = registries;
        _self = MemberCode.Parse(options.Member);
        _options = options;
        _time = time;
    }

    /// <summary>Onboards chamber <paramref name="id"/> (or finishes an interrupted onboarding).</summary>
    /// <exception cref="ArgumentException">Bad id or name.</exception>
    /// <exception cref="OriginRequestException">Onboarded already, or the id is taken on chain.</exception>
    public async Task<ChamberOnboarding> AuthorizeAsync(string id, string name, CancellationToken ct)
    {
        var chamberId = ChamberIds.ParseServed(id);
        name = CheckName(name);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var steps = new List<string>();
            var served = _store.Get(id);
            if (served is { State: ChamberState.Withdrawn })
                throw new OriginRequestException(OriginFailure.Duplicate,
                    $"Chamber {id} was withdrawn, for good, and chamber ids are never reused: authorize the chamber under a new id.");
            if (served is { State: not ChamberState.Onboarding })
                throw new OriginRequestException(OriginFailure.Duplicate,
                    $"Chamber {id} is onboarded already ({ChamberStore.Text(served.State)}); its token file is {TokenPath(id)}.");
            var keys = _keystore.Contents.Chamber(id);
            var onChain = await _members.GetChamberAsync(chamberId, ct).ConfigureAwait(false);
            if (onChain is not null && (keys is null || onChain.Member != _self))
                throw new OriginRequestException(OriginFailure.Duplicate,
                    $"Chamber id {id} is taken on chain (authorized by member {onChain.Member}, {Status(onChain.Status)}); chamber ids are never reused: pick another.");

            if (keys is null)
            {
                keys = Keystore.NewChamber(id, _time);
                var made = keys;
                _keystore.Update(contents => contents.Chambers.Add(made));
                steps.Add("made the chamber's chain account key and signing key in the keystore");
            }
            var signer = _ring.Add(keys);
            await _store.AddAsync(id, name, signer.Account, ct).ConfigureAwait(false);

            if (onChain is null)
            {
                var (hash, _) = await _worker.SubmitAsync(_registries.Members, MemberRegistryCalls.AuthorizeChamber(chamberId, signer.Account),
                    "chamber-authorize", ct).ConfigureAwait(false);
                steps.Add($"authorized {id} on chain, writing from account {signer.Account} (tx {hash})");
            }
            else if (onChain.Status != ChainChamberStatus.Active)
                throw new OriginRequestException(OriginFailure.Refused,
                    $"Chamber {id} is {Status(onChain.Status)} on chain, so its onboarding cannot finish{(onChain.Status == ChainChamberStatus.Suspended ? ": reinstate it first" : "")}.");

            if (await _members.GetKeyAsync(signer.KeyId, ct).ConfigureAwait(false) is null)
            {
                // validFrom 0: the registry raises it to the block time (a key cannot vouch for the past).
                var (hash, _) = await _worker.SubmitAsync(_registries.Members, MemberRegistryCalls.RegisterChamberKey(chamberId, signer.PublicKey, 0, 0),
                    "chamber-register-key", ct).ConfigureAwait(false);
                steps.Add($"registered its signing key {signer.KeyId} (tx {hash})");
            }

            if (await _funding.EnsureAsync(signer.Account, 1m, ct).ConfigureAwait(false) is { } funded)
                steps.Add(funded);

            var path = TokenPath(id);
            var token = NewToken();
            WriteTokenFile(path, token);
            var hashOfToken = ChamberTokens.Hash(token);
            await _store.FinishOnboardingAsync(id, hashOfToken, ct).ConfigureAwait(false);
            _tokens.Set(id, hashOfToken);
            steps.Add($"wrote its token file {path}");
            await SyncAsync(ct).ConfigureAwait(false);
            return new ChamberOnboarding(await _views.GetAsync(id, ct).ConfigureAwait(false), path, steps);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Suspends an active chamber of this member: its issuance stops at once.</summary>
    public Task<ChamberView> SuspendAsync(string id, uint reason, CancellationToken ct) =>
        ActAsync(id, "suspend", c => c == ChainChamberStatus.Active ? null : $"it is {Status(c)}; only an active chamber can be suspended",
            chamber => MemberRegistryCalls.SuspendChamber(chamber, Reason(reason)), ChamberState.Suspended, (int)reason, ct);

    /// <summary>Reinstates a suspended chamber of this member.</summary>
    public Task<ChamberView> ReinstateAsync(string id, CancellationToken ct) =>
        ActAsync(id, "reinstate", c => c == ChainChamberStatus.Suspended ? null : $"it is {Status(c)}; only a suspended chamber can be reinstated",
            MemberRegistryCalls.ReinstateChamber, ChamberState.Active, 0, ct);

    /// <summary>Withdraws a chamber of this member, for good.</summary>
    public Task<ChamberView> WithdrawAsync(string id, uint reason, CancellationToken ct) =>
        ActAsync(id, "withdraw", c => c == ChainChamberStatus.Withdrawn ? "it is withdrawn already" : null,
            chamber => MemberRegistryCalls.WithdrawChamber(chamber, Reason(reason)), ChamberState.Withdrawn, (int)reason, ct);

    private async Task<ChamberView> ActAsync(string id, string verb, Func<ChainChamberStatus, string?> refuse, Func<ChamberId, byte[]> call,
        ChamberState after, int reason, CancellationToken ct)
    {
        var chamberId = ChamberIds.Parse(id);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var onChain = await _members.GetChamberAsync(chamberId, ct).ConfigureAwait(false)
                ?? throw new OriginRequestException(OriginFailure.NotFound, $"No chamber {id} is authorized on chain (see 'credledger chamber list').");
            if (onChain.Member != _self)
                throw new OriginRequestException(OriginFailure.Forbidden,
                    $"Chamber {id} belongs to member {onChain.Member}; only {onChain.Member}'s operators can {verb} it.");
            if (onChain.Status == ChainChamberStatus.Withdrawn && verb != "withdraw")
                throw new OriginRequestException(OriginFailure.Refused,
                    $"Chamber {id} is withdrawn, which is terminal: it cannot be {(verb == "suspend" ? "suspended" : "reinstated")} (authorize a chamber under a new id instead).");
            if (refuse(onChain.Status) is { } why)
                throw new OriginRequestException(OriginFailure.Refused, $"Cannot {verb} chamber {id}: {why}.");
            var (hash, block) = await _worker.SubmitAsync(_registries.Members, call(chamberId), $"chamber-{verb}", ct).ConfigureAwait(false);
            if (_store.Get(id) is { State: not ChamberState.Onboarding })
                await _store.SetStateAsync(id, after, reason, block, ct).ConfigureAwait(false);
            await SyncAsync(ct).ConfigureAwait(false);
            return await _views.GetAsync(id, ct).ConfigureAwait(false) with { TransactionHash = hash, BlockNumber = block };
        }
        finally
        {
            _gate.Release();
        }
    }

    // The ledger history answers issuance checks: bring it up to the act just confirmed. A chain gone away meanwhile
    // leaves it to the follower's next poll (the store's state already refuses what must be refused).
    private async Task SyncAsync(CancellationToken ct)
    {
        try
        {
            await _ledger.SyncOnceAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (Sdk.Ledger.ChainBlocks.IsTransient(e) || e is Sdk.Ledger.ChainReorganizedException)
        {
            _ledger.Poke();
        }
    }

    /// <summary>The token file of chamber <paramref name="id"/>.</summary>
    public string TokenPath(string id) => _options.Resolve(ChamberTokens.FileName(id));

    private static string CheckName(string? name)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0)
            throw new ArgumentException("name: required: the chamber's name, e.g. \"Korea Chamber of Commerce and Industry\".");
        if (name.Length > 200)
            throw new ArgumentException($"name: at most 200 characters, not {name.Length}.");
        if (name.Any(char.IsControl))
            throw new ArgumentException("name: control characters (line breaks, tabs) are not allowed.");
        return name;
    }

    private static byte Reason(uint reason) => reason <= 255
        ? (byte)reason
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"reason: a code from 0 to 255, not {reason}."));

    internal static string Status(ChainChamberStatus status) => status.ToString().ToLowerInvariant();

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // Owner-only from its creation, written whole then renamed into place: the token never exists with wider rights.
    private static void WriteTokenFile(string path, string token)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(token + "\n"));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ChamberRegistrar({_self})";
}
