using CredentialLedger.Node.Origin;
using CredentialLedger.Node.Tests.Exchange;
using CredentialLedger.TestKit;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Origin;

/// <summary>
/// KR (founder) and UZ (admitted, signing key registered) on one anvil, each with its own node running in the test
/// process: KR's node serves chambers of commerce, UZ's is the importing member's. Clients for both nodes' chamber and
/// certificate-of-origin services; chamber tokens are read from their files as a chamber would.
/// </summary>
internal sealed class OriginTestbed : IAsyncDisposable
{
    private readonly MultiMemberTestbed _members;
    private readonly GrpcChannel _krChannel;
    private readonly GrpcChannel _uzChannel;

    private OriginTestbed(MultiMemberTestbed members, InProcessNode kr, InProcessNode uz)
    {
        _members = members;
        Kr = kr;
        Uz = uz;
        _krChannel = GrpcChannel.ForAddress(kr.Endpoint);
        _uzChannel = GrpcChannel.ForAddress(uz.Endpoint);
        KrChambers = new V1.Chambers.ChambersClient(_krChannel);
        KrOrigins = new V1.CertificatesOfOrigin.CertificatesOfOriginClient(_krChannel);
        UzChambers = new V1.Chambers.ChambersClient(_uzChannel);
        UzOrigins = new V1.CertificatesOfOrigin.CertificatesOfOriginClient(_uzChannel);
    }

    public MultiMemberTestbed Members => _members;

    public InProcessNode Kr { get; }

    public InProcessNode Uz { get; }

    public V1.Chambers.ChambersClient KrChambers { get; }

    public V1.CertificatesOfOrigin.CertificatesOfOriginClient KrOrigins { get; }

    public V1.Chambers.ChambersClient UzChambers { get; }

    public V1.CertificatesOfOrigin.CertificatesOfOriginClient UzOrigins { get; }

    public GrpcChannel KrChannel => _krChannel;

    public static async Task<OriginTestbed> CreateAsync(AnvilFixture anvil, CancellationToken ct, Action<NodeOptions>? configureKr = null)
    {
        var members = await MultiMemberTestbed.CreateAsync(anvil, "KR", ct);
        try
        {
            var uz = await members.JoinAsync("UZ", ct);
            var kr = members["KR"];
            configureKr?.Invoke(kr);
            kr.Save();
            var krNode = await InProcessNode.StartAsync(kr, ct);
            try
            {
                return new OriginTestbed(members, krNode, await InProcessNode.StartAsync(uz, ct));
            }
            catch
            {
                await krNode.DisposeAsync();
                throw;
            }
        }
        catch
        {
            members.Dispose();
            throw;
        }
    }

    /// <summary>KR's operator onboards chamber <paramref name="id"/>.</summary>
    public Task<V1.AuthorizeChamberResponse> AuthorizeAsync(string id, CancellationToken ct, string name = OriginSamples.ChamberName) =>
        KrChambers.AuthorizeAsync(new V1.AuthorizeChamberRequest { Id = id, Name = name }, Kr.Auth, cancellationToken: ct).ResponseAsync;

    /// <summary>The chamber's token, read from its file in KR's data directory.</summary>
    public Metadata ChamberAuth(string chamber) =>
        new() { { "authorization", "Bearer " + File.ReadAllText(Kr.Options.Resolve(ChamberTokens.FileName(chamber))).Trim() } };

    /// <summary>Polls KR's node until every certificate is anchored; returns them.</summary>
    public async Task<IReadOnlyList<V1.OriginCertificate>> WaitAnchoredAsync(IEnumerable<string> ids, CancellationToken ct)
    {
        var result = new List<V1.OriginCertificate>();
        foreach (var id in ids)
            result.Add(await WaitForAsync(id, c => c.AnchorState == V1.AnchorState.Anchored, ct));
        return result;
    }

    /// <summary>Polls KR's node (operator token) until <paramref name="done"/> holds for the certificate.</summary>
    public async Task<V1.OriginCertificate> WaitForAsync(string id, Func<V1.OriginCertificate, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var certificate = await KrOrigins.GetAsync(new V1.GetOriginRequest { Id = id }, Kr.Auth, cancellationToken: ct);
            if (done(certificate))
                return certificate;
            await Task.Delay(50, ct);
        }
    }

    /// <summary>UZ's node verifies a certificate KR's node holds, polling until <paramref name="done"/> holds (UZ's ledger follows the chain).</summary>
    public async Task<V1.VerifyOriginResponse> UzVerifyAsync(V1.OriginCertificate c, Func<V1.VerifyOriginResponse, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var answer = await UzOrigins.VerifyAsync(VerifyRequest(c), Uz.Auth, cancellationToken: ct);
            if (done(answer))
                return answer;
            await Task.Delay(50, ct);
        }
    }

    public static V1.VerifyOriginRequest VerifyRequest(V1.OriginCertificate c)
    {
        var request = new V1.VerifyOriginRequest { Xml = c.Xml, Root = c.Anchor.Root, Index = c.Anchor.Index };
        request.Proof.AddRange(c.Anchor.Proof);
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        _krChannel.Dispose();
        _uzChannel.Dispose();
        await Uz.DisposeAsync();
        await Kr.DisposeAsync();
        _members.Dispose();
    }
}
