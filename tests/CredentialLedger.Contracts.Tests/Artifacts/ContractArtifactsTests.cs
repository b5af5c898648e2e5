using CredentialLedger.Contracts.Artifacts;

namespace CredentialLedger.Contracts.Tests.Artifacts;

public sealed class ContractArtifactsTests
{
    public static TheoryData<string> Registries => ["MemberRegistry", "CredentialRegistry", "MraRegistry", "OriginRegistry"];

    [Fact]
    public void The_artifact_was_compiled_by_the_pinned_solc()
    {
        Assert.StartsWith("0.8.30+", ContractArtifacts.CompilerVersion, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Registries))]
    public void Every_registry_has_an_abi_creation_code_and_runtime_code(string name)
    {
        var artifact = ContractArtifacts.Get(name);

        Assert.Equal(name, artifact.Name);
        Assert.Equal($"src/{name}.sol", artifact.Source);
        Assert.StartsWith("[", artifact.AbiJson, StringComparison.Ordinal);
        Assert.True(artifact.Bytecode.Length > artifact.DeployedBytecode.Length);
        Assert.NotEmpty(artifact.Functions);
        Assert.NotEmpty(artifact.Events);
        Assert.NotEmpty(artifact.Errors);
        // Each registry keeps its MEMBERS address (or VOTING_PERIOD) as an immutable.
        Assert.NotEmpty(artifact.ImmutableReferences);
    }

    [Fact]
    public void Runtime_code_comparison_ignores_immutables_and_nothing_else()
    {
        var artifact = ContractArtifacts.CredentialRegistry;
        var code = artifact.DeployedBytecode.ToArray();
        var immutable = artifact.ImmutableReferences[0];

        Assert.True(artifact.MatchesRuntimeCode(code));
        code[immutable.Start + immutable.Length - 1] = 0xaa;
        Assert.True(artifact.MatchesRuntimeCode(code));
        code[immutable.Start + immutable.Length] ^= 0xff;
        Assert.False(artifact.MatchesRuntimeCode(code));
        Assert.False(artifact.MatchesRuntimeCode(artifact.DeployedBytecode.Span[..^1]));
        Assert.False(artifact.MatchesRuntimeCode([]));
    }

    [Fact]
    public void Interfaces_and_the_library_are_in_the_artifact_too()
    {
        Assert.Empty(ContractArtifacts.Get("IMemberRegistry").Bytecode.ToArray());
        Assert.Contains("MerkleBatch", ContractArtifacts.All.Keys);
        Assert.Throws<KeyNotFoundException>(() => ContractArtifacts.Get("NoSuchRegistry"));
    }
}
