using System.Text.Json;
using Xunit;

namespace CredentialLedger.TestKit;

/// <summary>
/// The shared conformance vectors (../shared/test-vectors beside the repository, or the folder named by
/// CREDLEDGER_TEST_VECTORS). A missing folder is a failure, never a skip: CI must prove the codecs against them.
/// </summary>
public static class TestVectors
{
    /// <summary>Environment variable that overrides the vectors folder.</summary>
    public const string EnvironmentVariable = "CREDLEDGER_TEST_VECTORS";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The test-vectors folder.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither location exists.</exception>
    public static string Root => LazyRoot.Value;

    /// <summary>Opens a vectors file, e.g. <c>Load("cast", "keccak.json")</c>.</summary>
    public static JsonDocument Load(params string[] relativePath)
    {
        var path = Path.Combine([Root, .. relativePath]);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Test vector file {path} is missing.", path);
        return JsonDocument.Parse(File.ReadAllBytes(path));
    }

    /// <summary>
    /// The cases of one array in a vectors file, as xunit theory data (one row per case, the JSON text,
    /// so each case is its own test and its failure names it).
    /// </summary>
    public static TheoryData<VectorCase> Cases(string folder, string file, string arrayName)
    {
        using var document = Load(folder, file);
        if (!document.RootElement.TryGetProperty(arrayName, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{folder}/{file} has no array '{arrayName}'.");
        var data = new TheoryData<VectorCase>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
            data.Add(new VectorCase($"{file}:{arrayName}[{index++}]", item.GetRawText()));
        if (index == 0)
            throw new InvalidDataException($"{folder}/{file} '{arrayName}' is empty.");
        return data;
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"{EnvironmentVariable}={fromEnvironment} does not exist.");
        }
        var beside = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "test-vectors"));
        return Directory.Exists(beside)
            ? beside
            : throw new DirectoryNotFoundException(
                $"Shared test vectors not found at {beside}. Clone the repository with ../shared beside it, or set {EnvironmentVariable}.");
    }
}

/// <summary>One vector case: a readable name (shown in test output) and its JSON.</summary>
public sealed record VectorCase(string Name, string Json)
{
    /// <summary>Parses the case's JSON.</summary>
    public JsonElement Element => JsonDocument.Parse(Json).RootElement;

    /// <summary>The name, so test output identifies the case.</summary>
    public override string ToString() => Name;
}
