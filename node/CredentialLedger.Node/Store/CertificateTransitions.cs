namespace CredentialLedger.Node.Store;

/// <summary>
/// The certificate lifecycle, the same as CredentialRegistry's: Active → Suspended ↔ Active → Revoked (terminal);
/// renewal supersedes an Active certificate (terminal); a suspended one is reinstated first.
/// </summary>
public static class CertificateTransitions
{
    /// <summary>The status after <paramref name="change"/>, or null when it is not allowed from <paramref name="from"/>.</summary>
    public static CertificateState? Apply(CertificateState from, ChangeKind change) => (from, change) switch
    {
        (CertificateState.Active, ChangeKind.Suspend) => CertificateState.Suspended,
        (CertificateState.Suspended, ChangeKind.Reinstate) => CertificateState.Active,
        (CertificateState.Active or CertificateState.Suspended, ChangeKind.Revoke) => CertificateState.Revoked,
        (CertificateState.Active, ChangeKind.Supersede) => CertificateState.Superseded,
        _ => null,
    };
}
