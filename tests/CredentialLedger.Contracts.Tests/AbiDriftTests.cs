using System.Reflection;
using System.Text;
using CredentialLedger.Contracts.Artifacts;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Contracts.Internal;
using CredentialLedger.Evm.Abi;

namespace CredentialLedger.Contracts.Tests;

/// <summary>
/// The C# bindings are written by hand; these tests fail when the compiled Solidity and the C# disagree, so a change to
/// a registry's functions, events or errors cannot land without the bindings.
/// </summary>
public sealed class AbiDriftTests
{
    private sealed record Binding(
        string Contract, Type Client, IReadOnlyList<FunctionSignature> Writes, IReadOnlyList<FunctionSignature> Reads,
        IReadOnlyList<EventSignature> Events, IReadOnlyList<ErrorSignature> Errors);

    private static readonly Dictionary<string, Binding> Bindings = new()
    {
        ["MemberRegistry"] = new("MemberRegistry", typeof(MemberRegistryClient), MemberRegistryAbi.Writes, MemberRegistryAbi.Reads,
            MemberRegistryAbi.Events, RegistryErrors.MemberRegistry),
        ["CredentialRegistry"] = new("CredentialRegistry", typeof(CredentialRegistryClient), CredentialRegistryAbi.Writes,
            CredentialRegistryAbi.Reads, CredentialRegistryAbi.Events, RegistryErrors.CredentialRegistry),
        ["MraRegistry"] = new("MraRegistry", typeof(MraRegistryClient), MraRegistryAbi.Writes, MraRegistryAbi.Reads,
            MraRegistryAbi.Events, RegistryErrors.MraRegistry),
        ["OriginRegistry"] = new("OriginRegistry", typeof(OriginRegistryClient), OriginRegistryAbi.Writes, OriginRegistryAbi.Reads,
            OriginRegistryAbi.Events, RegistryErrors.OriginRegistry),
    };

    public static TheoryData<string> Registries => [.. Bindings.Keys];

    [Theory]
    [MemberData(nameof(Registries))]
    public void Every_compiled_function_is_bound_with_the_same_inputs_outputs_and_mutability(string contract)
    {
        var binding = Bindings[contract];
        var compiled = ContractArtifacts.Get(contract).Functions;

        Assert.Equal(
            compiled.Where(f => !f.IsReadOnly).Select(f => Shape(f.Signature)).Order(StringComparer.Ordinal),
            binding.Writes.Select(Shape).Order(StringComparer.Ordinal));
        Assert.Equal(
            compiled.Where(f => f.IsReadOnly).Select(f => Shape(f.Signature)).Order(StringComparer.Ordinal),
            binding.Reads.Select(Shape).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(compiled, f => f.StateMutability == "payable");
    }

    [Theory]
    [MemberData(nameof(Registries))]
    public void Every_compiled_function_has_a_client_method_named_after_it(string contract)
    {
        var binding = Bindings[contract];
        var methods = binding.Client.GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => m.Name).ToHashSet();

        var missing = ContractArtifacts.Get(contract).Functions
            .Select(f => MethodName(f.Signature.Name))
            .Where(name => !methods.Contains(name))
            .ToList();

        Assert.True(missing.Count == 0, $"{binding.Client.Name} lacks {string.Join(", ", missing)}.");
    }

    [Theory]
    [MemberData(nameof(Registries))]
    public void Every_compiled_event_is_bound_with_the_same_names_and_indexed_flags(string contract)
    {
        var binding = Bindings[contract];

        Assert.Equal(
            ContractArtifacts.Get(contract).Events.Select(EventShape).Order(StringComparer.Ordinal),
            binding.Events.Select(EventShape).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Registries))]
    public void Every_compiled_event_has_a_typed_record_and_a_decoder_entry(string contract)
    {
        var decoded = RegistryEventDecoder.Signatures.Select(s => s.CanonicalSignature).ToHashSet();
        foreach (var compiled in ContractArtifacts.Get(contract).Events)
        {
            var record = typeof(RegistryEvent).Assembly.GetType($"CredentialLedger.Contracts.Events.{compiled.Name}");
            Assert.True(record is not null && record.IsSubclassOf(typeof(RegistryEvent)), $"No record for {compiled.Name}.");
            Assert.Contains(compiled.CanonicalSignature, decoded);
        }
    }

    [Theory]
    [MemberData(nameof(Registries))]
    public void Every_compiled_error_is_registered_with_its_parameter_names(string contract)
    {
        var binding = Bindings[contract];

        Assert.Equal(
            ContractArtifacts.Get(contract).Errors.Select(ErrorShape).Order(StringComparer.Ordinal),
            binding.Errors.Select(ErrorShape).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_decoder_and_the_error_list_hold_nothing_the_contracts_lack()
    {
        var events = ContractArtifacts.All.Values.SelectMany(a => a.Events).Select(e => e.CanonicalSignature).ToHashSet();
        var errors = ContractArtifacts.All.Values.SelectMany(a => a.Errors).Select(e => e.CanonicalSignature).ToHashSet();

        Assert.All(RegistryEventDecoder.Signatures, s => Assert.Contains(s.CanonicalSignature, events));
        Assert.All(RegistryErrors.All, e => Assert.Contains(e.CanonicalSignature, errors));
        Assert.Equal(RegistryErrors.All.Count, RegistryErrors.All.Select(e => e.Name).Distinct().Count());
        Assert.Equal(RegistryEventDecoder.Signatures.Count, RegistryEventDecoder.Signatures.Select(e => e.Topic0).Distinct().Count());
    }

    // Names of function parameters are not compared: implementations may rename them (getMember(bytes2 code) in
    // MemberRegistry.sol implements getMember(bytes2 member) of the interface) without changing the ABI.
    private static string Shape(FunctionSignature f) =>
        f.CanonicalSignature + " returns (" + string.Join(",", f.OutputTypes.Select(t => t.CanonicalName)) + ")";

    private static string EventShape(EventSignature e) =>
        e.Name + "(" + string.Join(", ", e.Parameters.Select(p => $"{p.Type.CanonicalName}{(p.Indexed ? " indexed" : "")} {p.Name}")) + ")";

    private static string ErrorShape(ErrorSignature e) =>
        e.Name + "(" + string.Join(", ", e.Parameters.Select(p => $"{p.Type.CanonicalName} {p.Name}")) + ")";

    // getMember -> GetMemberAsync, MAX_OPERATORS -> MaxOperatorsAsync, LEAF_TAG -> LeafTagAsync.
    private static string MethodName(string solidityName)
    {
        var builder = new StringBuilder();
        if (solidityName.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '_'))
        {
            foreach (var part in solidityName.Split('_', StringSplitOptions.RemoveEmptyEntries))
                builder.Append(part[0]).Append(part[1..].ToLowerInvariant());
        }
        else
        {
            builder.Append(char.ToUpperInvariant(solidityName[0])).Append(solidityName[1..]);
        }
        return builder.Append("Async").ToString();
    }
}
