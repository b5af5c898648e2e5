using System.ComponentModel.DataAnnotations;

namespace CredentialLedger.Node.Keys;

/// <summary>
/// Argon2id cost (RFC 9106). The default, 64 MiB and 3 passes, is RFC 9106's second recommended option (for
/// memory-constrained settings) with one lane; opening the keystore takes a fraction of a second, guessing
/// passphrases costs an attacker the same per guess.
/// </summary>
public sealed class KdfParameters
{
    /// <summary>Memory in KiB (8 to 4,194,304). Default: 65,536 (64 MiB).</summary>
    [Range(8, 4_194_304)]
    public int MemoryKiB { get; init; } = 65_536;

    /// <summary>Passes over memory (1 to 100). Default: 3.</summary>
    [Range(1, 100)]
    public int Iterations { get; init; } = 3;

    /// <summary>Lanes (1 to 16). Default: 1.</summary>
    [Range(1, 16)]
    public int Parallelism { get; init; } = 1;

    /// <summary>The production default.</summary>
    public static KdfParameters Default { get; } = new();

    /// <summary>Cheap parameters for tests only (1 MiB, one pass): never for a real keystore.</summary>
    public static KdfParameters FastForTests { get; } = new() { MemoryKiB = 1024, Iterations = 1 };

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="KeystoreException">A parameter is out of range.</exception>
    public void Validate()
    {
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), errors, validateAllProperties: true))
            throw new KeystoreException("Key derivation parameters out of range: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
        if (MemoryKiB < 8 * Parallelism)
            throw new KeystoreException("Key derivation parameters out of range: memory must be at least 8 KiB per lane.");
    }
}
