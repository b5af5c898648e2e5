using CredentialLedger.Contracts;
using CredentialLedger.Node.Mras;
using Google.Protobuf.WellKnownTypes;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Grpc;

/// <summary>
/// Between mra.proto and the node's MRA records. Programmes and benefits are enums whose value v is bit v - 1 of the
/// registry's masks (PROGRAMME_TYPE_AEO_S = 1 is scope bit 0, AEO_C bit 1; MRA_BENEFIT_* follow the benefits table of
/// contracts/README.md); the raw masks travel too, so bits without a name yet are never lost.
/// </summary>
internal static class MraProtoMapping
{
    // Timestamp and DateTimeOffset end in 9999; a larger uint64 on chain (set by another member's tooling) shows as that.
    private const long MaxSeconds = 253_402_300_799;

    public static MraTermsDraft ToDraft(V1.MraTermsInput? terms, string field = "terms.")
    {
        if (terms is null)
            throw new ArgumentException($"{field.TrimEnd('.')}: required (scope, benefits, validFrom, validUntil).");
        var scope = 0u;
        foreach (var programme in terms.Scope)
        {
            scope |= programme is V1.ProgrammeType.AeoS or V1.ProgrammeType.AeoC
                ? 1u << ((int)programme - 1)
                : throw new ArgumentException($"{field}scope: unknown programme type {programme} (AEO-S or AEO-C).");
        }
        var benefits = 0u;
        foreach (var benefit in terms.Benefits)
        {
            benefits |= benefit is > V1.MraBenefit.Unspecified and <= V1.MraBenefit.ContactPoint
                ? 1u << ((int)benefit - 1)
                : throw new ArgumentException($"{field}benefits: unknown benefit {benefit}.");
        }
        var from = ProtoMapping.Required(terms.ValidFrom, field + "validFrom").ToUnixTimeSeconds();
        var until = ProtoMapping.Optional(terms.ValidUntil, field + "validUntil")?.ToUnixTimeSeconds();
        return MraTermsDraft.Create(scope, benefits, from, until, field);
    }

    /// <summary>An optional time as unix seconds (null when unset).</summary>
    public static ulong? OptionalSeconds(Timestamp? timestamp, string field) =>
        ProtoMapping.Optional(timestamp, field)?.ToUnixTimeSeconds() switch
        {
            null => null,
            < 0 => throw new ArgumentException($"{field}: before 1970."),
            var s => (ulong)s.Value,
        };

    public static V1.MraChange ToProto(MraWrite write) => new()
    {
        Mra = ToProto(write.Mra),
        TransactionHash = write.TransactionHash.ToString(),
        BlockNumber = write.BlockNumber,
        Version = write.OpenedVersion ?? 0,
    };

    public static V1.Mra ToProto(MraView view)
    {
        var record = view.Record;
        var mra = new V1.Mra
        {
            Id = record.Id,
            Status = record.Status switch
            {
                MraStatus.Active => V1.MraStatus.Active,
                MraStatus.Suspended => V1.MraStatus.Suspended,
                MraStatus.Terminated => V1.MraStatus.Terminated,
                _ => V1.MraStatus.Unspecified,
            },
            LatestVersion = record.LatestVersion,
            ConcludedVersion = record.ConcludedVersion,
            LatestTerms = ToProto(record.LatestVersion, view.LatestTerms, view.Parties),
            InForce = view.InForce,
            EvaluatedAt = Time(view.EvaluatedAt),
            BlockNumber = view.BlockNumber,
        };
        mra.Parties.AddRange(view.Parties.Select(p => p.ToString()));
        if (view.ConcludedTerms is { } concluded)
            mra.ConcludedTerms = ToProto(record.ConcludedVersion, concluded, view.Parties);
        return mra;
    }

    public static V1.ListMrasResponse ToProto(MraListing listing)
    {
        var response = new V1.ListMrasResponse { EvaluatedAt = Time(listing.EvaluatedAt), BlockNumber = listing.BlockNumber };
        response.Mras.AddRange(listing.Mras.Select(ToProto));
        return response;
    }

    public static V1.RecognitionResponse ToProto(RecognitionView view)
    {
        var response = new V1.RecognitionResponse
        {
            Member = view.Member.ToString(),
            Active = view.Active,
            At = Time(view.At),
            BlockNumber = view.BlockNumber,
        };
        response.Recognizes.AddRange(view.Recognizes.Select(ToProto));
        response.RecognizedBy.AddRange(view.RecognizedBy.Select(ToProto));
        return response;
    }

    private static V1.Recognized ToProto(RecognitionEntry entry)
    {
        var recognized = new V1.Recognized
        {
            Verifier = entry.Verifier.ToString(),
            Issuer = entry.Issuer.ToString(),
            Programme = Programme(entry.Programme),
            ProgrammeBit = entry.Programme,
            MraId = entry.MraId,
            Version = entry.Version,
            BenefitsMask = entry.Benefits,
        };
        recognized.Benefits.AddRange(Benefits(entry.Benefits));
        return recognized;
    }

    private static V1.MraTerms ToProto(uint version, MraTerms terms, IReadOnlyList<MemberCode> parties)
    {
        var proto = new V1.MraTerms
        {
            Version = version,
            ScopeMask = terms.Scope,
            BenefitsMask = terms.Benefits,
            ValidFrom = Time(terms.ValidFrom),
        };
        if (terms.ValidUntil != 0)
            proto.ValidUntil = Time(terms.ValidUntil);
        for (var bit = 0; bit < 32; bit++)
        {
            if (terms.Covers(bit) && Programme(bit) is var p and not V1.ProgrammeType.Unspecified)
                proto.Scope.Add(p);
        }
        proto.Benefits.AddRange(Benefits(terms.Benefits));
        // Bit i of the mask is party i in ascending order, the order partiesOf answers in.
        for (var i = 0; i < parties.Count; i++)
            ((terms.AcceptedMask >> i & 1) == 1 ? proto.AcceptedBy : proto.Awaiting).Add(parties[i].ToString());
        return proto;
    }

    private static V1.ProgrammeType Programme(int bit) => bit switch
    {
        0 => V1.ProgrammeType.AeoS,
        1 => V1.ProgrammeType.AeoC,
        _ => V1.ProgrammeType.Unspecified,
    };

    private static IEnumerable<V1.MraBenefit> Benefits(uint mask)
    {
        for (var bit = 0; bit <= (int)V1.MraBenefit.ContactPoint - 1; bit++)
        {
            if ((mask >> bit & 1) == 1)
                yield return (V1.MraBenefit)(bit + 1);
        }
    }

    private static Timestamp Time(ulong seconds) =>
        Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(seconds, MaxSeconds)));
}
