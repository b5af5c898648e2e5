using System.Globalization;
using CredentialLedger.Contracts;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// A member's programme figures for one calendar month (UTC): what a programme manager reports. Credentials issued
/// count by their batch's anchoring block time; status changes and certificate revocations by their effective time;
/// e-CoOs issued by the anchoring block time of their chamber's batches. MRAs in force are counted at the last second
/// of the month, or at the last replayed block's time for the month it falls in.
/// </summary>
/// <param name="Member">The member.</param>
/// <param name="Year">The year.</param>
/// <param name="Month">The month, 1 to 12.</param>
/// <param name="Issued">AEO credentials anchored.</param>
/// <param name="Suspended">AEO credentials suspended.</param>
/// <param name="Reinstated">AEO credentials reinstated.</param>
/// <param name="Revoked">AEO credentials revoked.</param>
/// <param name="Superseded">AEO credentials superseded (renewed).</param>
/// <param name="OriginIssued">Certificates of origin anchored by the member's chambers.</param>
/// <param name="OriginRevoked">Certificates of origin of the member's chambers revoked.</param>
/// <param name="MrasInForce">MRAs with the member as a party in force at the end of the month.</param>
public sealed record AuditMonthlyFigures(
    MemberCode Member, int Year, int Month, long Issued, long Suspended, long Reinstated, long Revoked, long Superseded, long OriginIssued,
    long OriginRevoked, int MrasInForce)
{
    /// <summary>The month as <c>yyyy-MM</c>.</summary>
    public string Period => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
