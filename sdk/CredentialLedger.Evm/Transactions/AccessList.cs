namespace CredentialLedger.Evm.Transactions;

/// <summary>Helpers shared by the access-list-carrying transaction types.</summary>
internal static class AccessList
{
    public static IReadOnlyList<AccessListEntry> Copy(IReadOnlyList<AccessListEntry> entries, string name)
    {
        ArgumentNullException.ThrowIfNull(entries, name);
        foreach (var entry in entries)
            ArgumentNullException.ThrowIfNull(entry, name);
        return [.. entries];
    }

    public static bool SequenceEqual(IReadOnlyList<AccessListEntry> left, IReadOnlyList<AccessListEntry> right)
    {
        if (left.Count != right.Count)
            return false;
        for (var i = 0; i < left.Count; i++)
        {
            if (!left[i].Equals(right[i]))
                return false;
        }
        return true;
    }
}
