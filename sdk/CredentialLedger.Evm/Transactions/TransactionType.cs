namespace CredentialLedger.Evm.Transactions;

/// <summary>The EIP-2718 envelope type of a transaction.</summary>
public enum TransactionType : byte
{
    /// <summary>An untyped RLP list: pre-EIP-155 or EIP-155 replay-protected.</summary>
    Legacy = 0x00,

    /// <summary>EIP-2930: gas price plus an access list.</summary>
    AccessList = 0x01,

    /// <summary>EIP-1559: priority fee and fee cap, plus an access list.</summary>
    DynamicFee = 0x02,
}
