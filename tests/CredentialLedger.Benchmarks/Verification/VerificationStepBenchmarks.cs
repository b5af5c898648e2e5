using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CredentialLedger.Benchmarks.Verification;

/// <summary>
/// Where one <see cref="AeoVerifier.Verify"/> spends its time, one step at a time on one thread, against the bare
/// ES256 verification of the same signature (the baseline): the JWT library, the header and payload parsing that
/// <see cref="VcJwtVerifier"/> does around it, the Merkle proof (keccak) and the ledger lookups. The header and
/// Merkle steps copy what the SDK does (its helpers are private), so they track the SDK only as long as it is
/// unchanged. Run with <c>-- --filter '*VerificationStep*'</c>.
/// </summary>
public class VerificationStepBenchmarks
{
    private VerificationFixture _fixture = null!;
    private ECDsa _ecdsa = null!;
    private JsonWebTokenHandler _handler = null!;
    private TokenValidationParameters _parameters = null!;
    private VcJwtVerifier _jwt = null!;
    private Hash32[] _documentHashes = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = VerificationFixture.Create(1_000, 1_000, suspended: 0);
        _ecdsa = _fixture.PublicEcdsa();
        _handler = new JsonWebTokenHandler();
        _parameters = _fixture.HandlerParameters();
        var publicKey = _fixture.Key.PublicKey;
        _jwt = new VcJwtVerifier(kid => kid == _fixture.Key.KeyId ? publicKey : null);
        _documentHashes = [.. _fixture.Credentials.Select(c => VcJwt.DocumentHash(c.Jws))];
        if (!_fixture.IsExpected(0, Full()))
            throw new InvalidOperationException("The fixture's credential does not verify.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ecdsa.Dispose();
        _fixture.Dispose();
    }

    internal int JwsLength => _fixture.Credentials[0].Jws.Length;

    internal int ProofDepth => _fixture.Credentials[0].Proof.Count;

    private int Next() => _next = _next + 1 == _fixture.Credentials.Length ? 0 : _next + 1;

    [Benchmark(Baseline = true, Description = "bare ES256: ECDsa.VerifyData")]
    public bool Es256()
    {
        var i = Next();
        return _ecdsa.VerifyData(_fixture.SigningInputs[i], _fixture.Signatures[i], HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [Benchmark(Description = "full: AeoVerifier.Verify")]
    public AeoVerification Full() => _fixture.Verifier.Verify(_fixture.Credentials[Next()], VerificationFixture.Uz, VerificationFixture.At);

    [Benchmark(Description = "JWT layer: VcJwtVerifier.Verify")]
    public VcJwtVerification JwtLayer() => _jwt.Verify(_fixture.Credentials[Next()].Jws);

    [Benchmark(Description = "library: JsonWebTokenHandler.ValidateTokenAsync")]
    public bool Handler() => _handler.ValidateTokenAsync(_fixture.Credentials[Next()].Jws, _parameters).GetAwaiter().GetResult().IsValid;

    [Benchmark(Description = "library: new JsonWebToken (parse only)")]
    public JsonWebToken HandlerParse() => new(_fixture.Credentials[Next()].Jws);

    [Benchmark(Description = "header: split, base64, JsonDocument, kid")]
    public Hash32 Header()
    {
        // As VcJwtVerifier does before the library.
        var parts = _fixture.Credentials[Next()].Jws.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            throw new InvalidOperationException();
        using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0]));
        var h = header.RootElement;
        _ = h.TryGetProperty("alg", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        _ = h.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        _ = h.TryGetProperty("crit", out _);
        var kidText = h.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        return Hash32.TryParse(kidText, out var kid) ? kid : throw new InvalidOperationException();
    }

    [Benchmark(Description = "payload: base64, VcJwt.FromJson, Validate")]
    public int Payload()
    {
        var jws = _fixture.Credentials[Next()].Jws;
        var first = jws.IndexOf('.', StringComparison.Ordinal);
        var second = jws.IndexOf('.', first + 1);
        var certificate = VcJwt.FromJson(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jws[(first + 1)..second])));
        return AeoCertificateValidator.Validate(certificate).Count;
    }

    [Benchmark(Description = "merkle: ASCII check (LINQ Any), as AeoVerifier")]
    public bool AsciiLinq() => _fixture.Credentials[Next()].Jws.Any(c => c > 0x7f);

    [Benchmark(Description = "merkle: ASCII check (Ascii.IsValid), suggested")]
    public bool AsciiVector() => !Ascii.IsValid(_fixture.Credentials[Next()].Jws);

    [Benchmark(Description = "merkle: DocumentHash, leaf, proof (depth 10)")]
    public bool Merkle()
    {
        var c = _fixture.Credentials[Next()];
        var leaf = MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, c.Index, VcJwt.DocumentHash(c.Jws));
        return MerkleProof.Verify(c.Root, leaf, c.Proof);
    }

    [Benchmark(Description = "merkle: DocumentHash only (keccak of the JWS)")]
    public Hash32 DocumentHash() => VcJwt.DocumentHash(_fixture.Credentials[Next()].Jws);

    [Benchmark(Description = "merkle: leaf and proof only (12 keccaks of 64-96 bytes)")]
    public bool LeafAndProof()
    {
        var i = Next();
        var c = _fixture.Credentials[i];
        return MerkleProof.Verify(c.Root, MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, c.Index, _documentHashes[i]), c.Proof);
    }

    [Benchmark(Description = "ledger: key, batch, status, members, MRAs")]
    public int Ledger()
    {
        var history = _fixture.History;
        var c = _fixture.Credentials[Next()];
        var t = (ulong)VerificationFixture.At.ToUnixTimeSeconds();
        var found = history.GetKey(_fixture.Key.KeyId) is null ? 0 : 1;
        found += history.GetBatch(c.Root) is null ? 0 : 1;
        found += (int)history.StatusOf(new CredentialRef(c.Root, c.Index), t).Status;
        found += history.IsMemberAt(VerificationFixture.Uz, t) ? 1 : 0;
        found += history.IsMemberAt(VerificationFixture.Kz, t) ? 1 : 0;
        return found + history.MrasInForce(VerificationFixture.Uz, VerificationFixture.Kz, t).Count;
    }
}
