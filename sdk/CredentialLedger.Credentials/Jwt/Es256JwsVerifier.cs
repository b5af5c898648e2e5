using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Credentials.Jwt;

/// <summary>The outcome of <see cref="Es256JwsVerifier.Verify"/>.</summary>
/// <param name="IsValid">True when the header is acceptable and the signature verifies under the kid's key.</param>
/// <param name="KeyId">The header's <c>kid</c> (when present and well formed).</param>
/// <param name="Payload">The decoded payload bytes (when valid).</param>
/// <param name="Error">Why not (null when valid).</param>
public sealed record Es256JwsResult(bool IsValid, Hash32? KeyId, byte[]? Payload, string? Error);

/// <summary>
/// The checks every ES256 compact JWS of the project goes through, whatever it carries (an AEO certificate, a partner
/// exchange token): only <c>alg</c> ES256 (no <c>none</c>, no HMAC, no RSA: a fixed algorithm closes algorithm
/// confusion), one <c>typ</c>, no <c>crit</c>, a <c>kid</c> that resolves to a P-256 key hashing to it, canonical
/// base64url (one spelling per JWS), and the signature checked with .NET's ECDsa on the exact signing input
/// (RFC 7515 §5.2). Found keys are cached (a kid names one key forever); an unknown kid is looked up again next time.
/// Never throws on bad input. Thread-safe.
/// </summary>
public sealed class Es256JwsVerifier
{
    /// <summary>The largest JWS accepted.</summary>
    public const int MaxLength = 64 * 1024;

    private readonly string _mediaType;
    private readonly Func<Hash32, byte[]?> _resolve;
    private readonly ConcurrentDictionary<Hash32, P256Key> _keys = new();

    /// <summary>A verifier of JWS with <c>typ</c> <paramref name="mediaType"/>, keys from <paramref name="resolvePublicKey"/> (kid → 65-byte key, or null).</summary>
    public Es256JwsVerifier(string mediaType, Func<Hash32, byte[]?> resolvePublicKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        ArgumentNullException.ThrowIfNull(resolvePublicKey);
        _mediaType = mediaType;
        _resolve = resolvePublicKey;
    }

    /// <summary>Checks <paramref name="compactJws"/>.</summary>
    public Es256JwsResult Verify(string? compactJws)
    {
        if (string.IsNullOrEmpty(compactJws))
            return Fail("jws: empty");
        if (compactJws.Length > MaxLength)
            return Fail($"jws: longer than {MaxLength} characters");
        var parts = compactJws.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            return Fail("jws: not a compact JWS (three non-empty base64url parts)");

        Hash32 kid;
        try
        {
            if (!StrictBase64Url.TryDecode(parts[0], out var headerBytes))
                return Fail("header: not base64url JSON");
            using var header = JsonDocument.Parse(headerBytes);
            var h = header.RootElement;
            if (h.ValueKind != JsonValueKind.Object)
                return Fail("header: not a JSON object");
            var alg = Text(h, "alg");
            if (alg != "ES256")
                return Fail($"header.alg: '{alg}' is not accepted; only ES256");
            var typ = Text(h, "typ");
            if (typ != _mediaType)
                return Fail($"header.typ: '{typ}' is not {_mediaType}");
            if (h.TryGetProperty("crit", out _))
                return Fail("header.crit: no critical extensions are understood");
            var kidText = Text(h, "kid");
            if (!Hash32.TryParse(kidText, out kid))
                return Fail($"header.kid: '{kidText}' is not a 32-byte key id");
        }
        // InvalidOperationException: JsonDocument accepts a string holding bytes that are not UTF-8, GetString throws.
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return Fail("header: not base64url JSON");
        }

        if (!_keys.TryGetValue(kid, out var key))
        {
            key = ToKey(kid);
            if (key is null)
                return new Es256JwsResult(false, kid, null, "header.kid: no registered P-256 key has this id");
            _keys.TryAdd(kid, key);
        }
        if (!StrictBase64Url.TryDecode(parts[2], out var signature))
            return new Es256JwsResult(false, kid, null, "signature: not canonical base64url");
        if (signature.Length != 64)
            return new Es256JwsResult(false, kid, null, $"signature: {signature.Length} bytes, not the 64 of an ES256 signature");
        if (!Ascii.IsValid(compactJws))
            return new Es256JwsResult(false, kid, null, "jws: not ASCII");
        if (!key.Verify(compactJws.AsSpan(0, parts[0].Length + 1 + parts[1].Length), signature))
            return new Es256JwsResult(false, kid, null, "signature: does not verify under the key");
        if (!StrictBase64Url.TryDecode(parts[1], out var payload))
            return new Es256JwsResult(false, kid, null, "payload: not canonical base64url");
        return new Es256JwsResult(true, kid, payload, null);
    }

    private P256Key? ToKey(Hash32 kid)
    {
        var publicKey = _resolve(kid);
        // The key must hash to the kid: a resolver that returns another key must not make a signature verify under it.
        if (publicKey is not { Length: 65 } || publicKey[0] != 0x04 || Keccak256.Hash(publicKey) != kid)
            return null;
        return P256Key.TryCreate(publicKey);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Es256JwsResult Fail(string error) => new(false, null, null, error);
}
