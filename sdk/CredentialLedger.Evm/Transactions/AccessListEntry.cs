namespace CredentialLedger.Evm.Transactions;

/// <summary>
/// One EIP-2930 access list entry: an account and the storage slots of it the transaction pre-declares.
/// Encoded as <c>[address, [storageKey, …]]</c>. Equality is by value.
/// </summary>
public sealed record AccessListEntry
{
    /// <summary>Creates an entry; the keys are copied.</summary>
    public AccessListEntry(Address address, IReadOnlyList<Hash32> storageKeys)
    {
        Address = address;
        StorageKeys = storageKeys;
    }

    /// <summary>The account.</summary>
    public Address Address { get; init; }

    /// <summary>The storage keys, in order (duplicates are legal and kept).</summary>
    public IReadOnlyList<Hash32> StorageKeys
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(StorageKeys));
            field = [.. value];
        }
    }

    /// <inheritdoc/>
    public bool Equals(AccessListEntry? other)
    {
        if (other is null || Address != other.Address || StorageKeys.Count != other.StorageKeys.Count)
            return false;
        for (var i = 0; i < StorageKeys.Count; i++)
        {
            if (StorageKeys[i] != other.StorageKeys[i])
                return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Address, StorageKeys.Count);
}
