namespace CredentialLedger.Sdk.Audit;

/// <summary>Which time of a status change a period query reads.</summary>
public enum AuditTimeBasis
{
    /// <summary>When the change takes effect (its effective time; possibly back-dated before its block).</summary>
    Effective,

    /// <summary>When the change was recorded (its block's time).</summary>
    Recorded,
}
