using CredentialLedger.Credentials.Origin;
using CredentialLedger.TestKit;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Origin;

/// <summary>
/// A KR node serving KR-KCCI: a certificate given as gRPC fields signs to the same document as its JSON would say;
/// bad fields are refused naming each; the exporter's AEO check answers from the AEO certificates the node holds.
/// </summary>
public sealed class OriginFieldsAndExporterTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _directory = new("origin-fields");

    [Fact]
    public async Task Fields_sign_to_the_certificate_they_say_bad_fields_are_named_and_the_exporter_check_follows_the_nodes_aeo_certificates()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        var options = await NodeTestbed.InitializeAsync(anvil, _directory.File("kr"), ct);
        await using var node = await InProcessNode.StartAsync(options, ct);
        using var channel = GrpcChannel.ForAddress(node.Endpoint);
        var chambers = new V1.Chambers.ChambersClient(channel);
        var origins = new V1.CertificatesOfOrigin.CertificatesOfOriginClient(channel);
        await chambers.AuthorizeAsync(new V1.AuthorizeChamberRequest { Id = OriginSamples.Chamber, Name = OriginSamples.ChamberName }, node.Auth,
            cancellationToken: ct);
        var asChamber = new Metadata { { "authorization", "Bearer " + File.ReadAllText(options.Resolve("chamber-KR-KCCI.token")).Trim() } };

        var issuedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var fields = Fields(OriginSamples.Certificate(7, issuedAt));
        fields.IssuedAt = null; // now
        var issued = await origins.IssueAsync(new V1.IssueOriginRequest { Fields = fields }, asChamber, cancellationToken: ct);
        var read = ECooReader.Read(issued.Xml.Span);
        var expected = OriginSamples.Certificate(7, read.IssuedAt);
        Assert.Equal(CertificateOfOriginJson.Write(expected), CertificateOfOriginJson.Write(read));
        Assert.True(read.IssuedAt > issuedAt);

        var bad = Fields(OriginSamples.Certificate(8, issuedAt));
        bad.IssuedAt = null;
        bad.Goods[0].Quantity = "lots";
        bad.Goods[1].HsCode = "85";
        bad.Invoice.Date = "27/02/2026";
        bad.Consignee = null;
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            origins.IssueAsync(new V1.IssueOriginRequest { Fields = bad }, asChamber, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("goods[0].quantity: 'lots' is not a decimal number such as 1250.5", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("invoice.date: '27/02/2026' is not a date yyyy-MM-dd", refused.Status.Detail, StringComparison.Ordinal);
        var refusedModel = await Assert.ThrowsAsync<RpcException>(() => origins.IssueAsync(new V1.IssueOriginRequest
        {
            Fields = Without(Fields(OriginSamples.Certificate(8, issuedAt)), f => { f.Consignee = null; f.Goods[1].HsCode = "85"; f.IssuedAt = null; }),
        }, asChamber, cancellationToken: ct).ResponseAsync);
        Assert.Contains("consignee: required", refusedModel.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("goods[1].hsCode: '85' is not 6, 8 or 10 digits", refusedModel.Status.Detail, StringComparison.Ordinal);
        var future = await Assert.ThrowsAsync<RpcException>(() => origins.IssueAsync(new V1.IssueOriginRequest
        {
            Fields = Without(Fields(OriginSamples.Certificate(9, issuedAt)), f => f.IssuedAt = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow().AddHours(1))),
        }, asChamber, cancellationToken: ct).ResponseAsync);
        Assert.Contains("is in the future", future.Status.Detail, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<RpcException>(() => origins.IssueAsync(new V1.IssueOriginRequest(), asChamber, cancellationToken: ct).ResponseAsync);
        Assert.Equal("certificate: required: fields or json.", empty.Status.Detail);

        // The exporter (AEO KR-AEO-000001) is recognized only once the node holds an anchored AEO certificate for it.
        var anchored = await WaitAsync(origins, node.Auth, issued.Id, ct);
        var request = new V1.VerifyOriginRequest { Xml = anchored.Xml, Root = anchored.Anchor.Root, Index = anchored.Anchor.Index, CheckExporterAeo = true };
        request.Proof.AddRange(anchored.Anchor.Proof);
        var without = await origins.VerifyAsync(request, node.Auth, cancellationToken: ct);
        Assert.False(without.Recognized);
        Assert.Equal("ExporterNotRecognized", Assert.Single(without.Reasons).Code);
        request.CheckExporterAeo = false;
        Assert.True((await origins.VerifyAsync(request, node.Auth, cancellationToken: ct)).Recognized);

        var aeo = await node.Client.IssueAsync(NodeTestbed.IssueRequest(1), node.Auth, cancellationToken: ct);
        Assert.Equal("KR-AEO-000001", aeo.AeoNumber);
        await node.WaitForAsync(aeo.Id, c => c.AnchorState == V1.AnchorState.Anchored, ct);
        request.CheckExporterAeo = true;
        while (!(await origins.VerifyAsync(request, node.Auth, cancellationToken: ct)).Recognized)
            await Task.Delay(50, ct);
        // The chamber's token may verify too (as KR).
        Assert.True((await origins.VerifyAsync(request, asChamber, cancellationToken: ct)).Recognized);
    }

    private static V1.CertificateOfOriginFields Without(V1.CertificateOfOriginFields fields, Action<V1.CertificateOfOriginFields> change)
    {
        change(fields);
        return fields;
    }

    private static V1.CertificateOfOriginFields Fields(CertificateOfOrigin c)
    {
        var fields = new V1.CertificateOfOriginFields
        {
            CertificateNumber = c.CertificateNumber,
            PlaceOfIssue = c.PlaceOfIssue,
            IssuedAt = Timestamp.FromDateTimeOffset(c.IssuedAt),
            ExportingCountry = c.ExportingCountry,
            ImportingCountry = c.ImportingCountry,
            PreferentialRegime = c.PreferentialRegime,
            Exporter = Party(c.Exporter),
            Consignee = Party(c.Consignee),
            Transport = new V1.OriginTransport
            {
                Mode = c.Transport.Mode,
                MeansOfTransport = c.Transport.MeansOfTransport ?? "",
                PortOfLoading = c.Transport.PortOfLoading ?? "",
                PortOfDischarge = c.Transport.PortOfDischarge ?? "",
            },
            Invoice = new V1.OriginInvoice { Number = c.Invoice.Number, Date = c.Invoice.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
        };
        fields.Goods.AddRange(c.Goods.Select(g => new V1.OriginGoodsItem
        {
            LineNumber = g.LineNumber,
            HsCode = g.HsCode,
            Description = g.Description,
            Quantity = g.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            UnitCode = g.UnitCode,
            OriginCountry = g.OriginCountry,
            OriginCriterion = g.OriginCriterion,
        }));
        return fields;
    }

    private static V1.OriginParty Party(OriginParty p) =>
        new() { Name = p.Name, Address = p.Address, Country = p.Country, TaxId = p.TaxId ?? "", AeoNumber = p.AeoNumber ?? "" };

    private static async Task<V1.OriginCertificate> WaitAsync(V1.CertificatesOfOrigin.CertificatesOfOriginClient origins, Metadata auth, string id,
        CancellationToken ct)
    {
        while (true)
        {
            var c = await origins.GetAsync(new V1.GetOriginRequest { Id = id }, auth, cancellationToken: ct);
            if (c.AnchorState == V1.AnchorState.Anchored)
                return c;
            await Task.Delay(50, ct);
        }
    }

    public void Dispose() => _directory.Dispose();
}
