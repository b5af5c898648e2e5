using System.Globalization;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Node.Issuance;
using CredentialLedger.Node.Store;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>Between the gRPC messages and the node's records. Input problems are ArgumentExceptions naming the field.</summary>
internal static class ProtoMapping
{
    public static IssueInput ToInput(V1.IssueRequest request, string field = "")
    {
        ArgumentNullException.ThrowIfNull(request);
        var s = request.Subject ?? throw new ArgumentException($"{field}subject: required.");
        var subject = new AeoSubject
        {
            AeoNumber = s.AeoNumber,
            LegalName = s.LegalName,
            Tin = s.Tin,
            Country = s.Country,
            Programmes = [.. s.ProgrammeTypes.Select(p => p switch
            {
                V1.ProgrammeType.AeoS => AeoProgramme.AeoS,
                V1.ProgrammeType.AeoC => AeoProgramme.AeoC,
                _ => throw new ArgumentException($"{field}subject.programmeTypes: unknown programme type {p}."),
            })],
            Roles = [.. s.Roles.Select(r => r switch
            {
                V1.OperatorRole.Importer => AeoRole.Importer,
                V1.OperatorRole.Exporter => AeoRole.Exporter,
                V1.OperatorRole.CustomsBroker => AeoRole.CustomsBroker,
                V1.OperatorRole.Carrier => AeoRole.Carrier,
                V1.OperatorRole.WarehouseOperator => AeoRole.WarehouseOperator,
                V1.OperatorRole.FreightForwarder => AeoRole.FreightForwarder,
                V1.OperatorRole.Manufacturer => AeoRole.Manufacturer,
                _ => throw new ArgumentException($"{field}subject.roles: unknown role {r}."),
            })],
        };
        return new IssueInput(subject,
            Required(request.ValidFrom, field + "validFrom"),
            Required(request.ValidUntil, field + "validUntil"),
            DateOnly.FromDateTime(Required(request.ReEvaluationDue, field + "reEvaluationDue").UtcDateTime),
            request.IdempotencyKey);
    }

    public static DateTimeOffset Required(Timestamp? timestamp, string field) =>
        timestamp is null ? throw new ArgumentException($"{field}: required.") : ToTime(timestamp, field);

    public static DateTimeOffset? Optional(Timestamp? timestamp, string field) => timestamp is null ? null : ToTime(timestamp, field);

    private static DateTimeOffset ToTime(Timestamp timestamp, string field)
    {
        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"{field}: {e.Message}", e);
        }
    }

    public static V1.Certificate ToProto(CertificateRecord record)
    {
        var certificate = new V1.Certificate
        {
            Id = record.Id,
            Jws = record.Jws,
            DocumentHash = record.DocumentHash.ToString(),
            AeoNumber = record.AeoNumber,
            Status = ToProto(record.State),
            AnchorState = record.Anchor is null ? V1.AnchorState.Pending : V1.AnchorState.Anchored,
            SupersededBy = record.SupersededBy ?? "",
            PendingChanges = (uint)record.PendingChanges,
            IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(record.AcceptedAt)),
            KeyId = record.KeyId.ToString(),
        };
        if (record.Anchor is { } a)
        {
            certificate.Anchor = new V1.Anchor
            {
                Root = a.Root.ToString(),
                Index = a.Index,
                BlockNumber = a.BlockNumber,
                TransactionHash = a.TransactionHash.ToString(),
                AnchoredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(a.BlockTime)),
            };
            certificate.Anchor.Proof.AddRange(a.Proof.Select(p => p.ToString()));
        }
        return certificate;
    }

    public static V1.CertificateStatus ToProto(CertificateState state) => state switch
    {
        CertificateState.Active => V1.CertificateStatus.Active,
        CertificateState.Suspended => V1.CertificateStatus.Suspended,
        CertificateState.Revoked => V1.CertificateStatus.Revoked,
        CertificateState.Superseded => V1.CertificateStatus.Superseded,
        _ => V1.CertificateStatus.Unspecified,
    };

    public static CertificateState? FromProto(V1.CertificateStatus status) => status switch
    {
        V1.CertificateStatus.Unspecified => null,
        V1.CertificateStatus.Active => CertificateState.Active,
        V1.CertificateStatus.Suspended => CertificateState.Suspended,
        V1.CertificateStatus.Revoked => CertificateState.Revoked,
        V1.CertificateStatus.Superseded => CertificateState.Superseded,
        _ => throw new ArgumentException($"status: unknown value {status}."),
    };

    public static V1.StatusChange ToProto(StatusChangeRecord change) => new()
    {
        Sequence = (ulong)change.Sequence,
        Id = change.CertificateId,
        Status = ToProto(change.State),
        Reason = (uint)change.Reason,
        EffectiveAt = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(change.EffectiveAt)),
        Anchored = change.Anchored,
        TransactionHash = change.TransactionHash?.ToString() ?? "",
    };

    public static string PageToken(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    public static long ParsePageToken(string token) =>
        string.IsNullOrEmpty(token) ? 0
        : long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq >= 0 ? seq
        : throw new ArgumentException("pageToken: not a token from a previous page.");
}
