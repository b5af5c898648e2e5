using CredentialLedger.Evm;

namespace CredentialLedger.Node.Store;

/// <summary>How a Merkle proof is stored in a BLOB column: its sibling hashes concatenated, 32 bytes each.</summary>
internal static class ProofColumn
{
    public static byte[] ToBytes(IReadOnlyList<Hash32> proof)
    {
        var bytes = new byte[proof.Count * Hash32.Size];
        for (var i = 0; i < proof.Count; i++)
            proof[i].CopyTo(bytes.AsSpan(i * Hash32.Size));
        return bytes;
    }

    public static Hash32[] FromBytes(byte[] bytes)
    {
        var proof = new Hash32[bytes.Length / Hash32.Size];
        for (var i = 0; i < proof.Length; i++)
            proof[i] = new Hash32(bytes.AsSpan(i * Hash32.Size, Hash32.Size));
        return proof;
    }
}
