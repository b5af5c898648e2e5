using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CredentialLedger.Node.Store;

namespace CredentialLedger.Node.Origin;

/// <summary>
/// The bearer tokens of the chambers this node serves, held as SHA-256 hashes (the tokens themselves live only in
/// each chamber's <c>chamber-&lt;ID&gt;.token</c> file). A token authorizes its chamber's certificate-of-origin
/// calls and nothing else.
/// </summary>
public sealed class ChamberTokens
{
    private readonly ConcurrentDictionary<string, byte[]> _hashes = new(StringComparer.Ordinal);

    /// <summary>The token file name of <paramref name="chamber"/> (in the data directory).</summary>
    public static string FileName(string chamber) => $"chamber-{chamber}.token";

    /// <summary>Loads every chamber that finished onboarding.</summary>
    public static ChamberTokens Load(ChamberStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var tokens = new ChamberTokens();
        foreach (var chamber in store.List())
        {
            if (chamber.TokenHash is { } hash)
                tokens.Set(chamber.Id, hash);
        }
        return tokens;
    }

    /// <summary>The SHA-256 hash a token is kept as.</summary>
    public static byte[] Hash(ReadOnlySpan<char> token) => SHA256.HashData(Encoding.UTF8.GetBytes(token.ToArray()));

    /// <summary>Accepts <paramref name="hash"/>'s token for <paramref name="chamber"/> (replacing an earlier one).</summary>
    public void Set(string chamber, byte[] hash) => _hashes[chamber] = hash;

    /// <summary>The chamber whose token <paramref name="candidate"/> is, or null. Every entry is compared in constant time.</summary>
    public string? Match(ReadOnlySpan<char> candidate)
    {
        var hash = Hash(candidate);
        string? found = null;
        foreach (var (chamber, expected) in _hashes)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
                found = chamber;
        }
        return found;
    }

    /// <inheritdoc />
    public override string ToString() => $"ChamberTokens({_hashes.Count})";
}
