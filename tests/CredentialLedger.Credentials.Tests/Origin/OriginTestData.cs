using System.Security.Cryptography;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Evm;
using Org.BouncyCastle.Crypto.Digests;

namespace CredentialLedger.Credentials.Tests.Origin;

/// <summary>Shared certificates and keys for the e-CoO tests.</summary>
internal static class OriginTestData
{
    /// <summary>A valid certificate with every optional field set.</summary>
    public static CertificateOfOrigin Certificate() => new()
    {
        CertificateNumber = "KCCI-2026/000123",
        IssuingMember = "KR",
        IssuingChamber = "KR-KCCI",
        IssuingChamberName = "Korea Chamber of Commerce & Industry",
        PlaceOfIssue = "Seoul",
        IssuedAt = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero),
        ExportingCountry = "KR",
        ImportingCountry = "UZ",
        PreferentialRegime = "KR-UZ-FTA",
        Exporter = new OriginParty("Hanbit Logistics Co., Ltd.", "12 Sejong-daero, Jung-gu, Seoul 04524", "KR", "123-45-67890", "KRAEO-2026-0001"),
        Producer = new OriginParty("Daesung Motor Parts <Changwon>", "55 Changwon-daero, Changwon", "KR"),
        Consignee = new OriginParty("Toshkent Avto Savdo LLC", "7 Amir Temur Ave, Tashkent 100000", "UZ", "301234567"),
        Transport = new TransportDetails(TransportModes.Sea, "HMM Algeciras V.012W", "KRPUS", "UZTAS (via CNTAO)", new DateOnly(2026, 3, 5)),
        Goods =
        [
            new GoodsItem(1, "870899", "Brake pads for passenger cars", 1250m, "NAR", "KR", "CTH", "HB/2026/01-50"),
            new GoodsItem(2, "85044090", "Static converters,\nbattery chargers", 12.5m, "KGM", "KR", "RVC40"),
        ],
        Invoice = new InvoiceReference("INV-2026-0042", new DateOnly(2026, 2, 27)),
        Remarks = "Third-party invoicing: none.\nOriginal issued electronically.",
    };

    /// <summary>The smallest valid certificate: no optional field set.</summary>
    public static CertificateOfOrigin Minimal() => new()
    {
        CertificateNumber = "1",
        IssuingMember = "UZ",
        IssuingChamber = "UZ-CCI",
        IssuingChamberName = "Chamber of Commerce and Industry of Uzbekistan",
        PlaceOfIssue = "Tashkent",
        IssuedAt = new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero),
        ExportingCountry = "UZ",
        ImportingCountry = "KR",
        PreferentialRegime = "NON-PREFERENTIAL",
        Exporter = new OriginParty("Samarkand Textile JSC", "1 Registan St, Samarkand", "UZ"),
        Consignee = new OriginParty("Busan Fabrics Co.", "3 Jungang-daero, Busan", "KR"),
        Transport = new TransportDetails(TransportModes.Rail),
        Goods = [new GoodsItem(1, "520811", "Cotton fabric, unbleached", 0.25m, "MTR", "UZ", "WO")],
        Invoice = new InvoiceReference("77", new DateOnly(2026, 1, 10)),
    };

    /// <summary>A P-256 key with its on-chain id.</summary>
    public sealed class Key : IDisposable
    {
        public Key()
        {
            Ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var q = Ecdsa.ExportParameters(false).Q;
            PublicKey = [0x04, .. q.X!, .. q.Y!];
            Id = new Hash32(Keccak(PublicKey));
        }

        public ECDsa Ecdsa { get; }

        public byte[] PublicKey { get; }

        public Hash32 Id { get; }

        public byte[] Sign(CertificateOfOrigin certificate) => ECooSigner.Sign(certificate, Ecdsa, Id);

        public void Dispose() => Ecdsa.Dispose();
    }

    /// <summary>A key lookup that knows exactly <paramref name="keys"/>.</summary>
    public static Func<Hash32, byte[]?> Registered(params Key[] keys) => id => keys.FirstOrDefault(k => k.Id == id)?.PublicKey;

    /// <summary>keccak-256 by BouncyCastle (not the code under test).</summary>
    public static byte[] Keccak(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}
