namespace CredentialLedger.Node.Tests.Audit;

/// <summary>The test classes that share one <see cref="ChamberNodeHistory"/> (built once; its tests run one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class ChamberNodeHistoryCollection : ICollectionFixture<ChamberNodeHistory>
{
    public const string Name = "chamber node history";
}
