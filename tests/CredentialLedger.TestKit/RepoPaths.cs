using System.Reflection;

namespace CredentialLedger.TestKit;

/// <summary>Locations inside the repository and beside it, found from the test assembly's directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the directory holding CredentialLedger.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The pinned npm toolchain's node_modules (installed by the bootstrap step).</summary>
    public static string NodeModules => Path.Combine(Root, "node_modules");

    /// <summary>A Foundry binary (anvil, cast, forge) from the pinned npm package.</summary>
    /// <exception cref="FileNotFoundException">The toolchain is not installed; run the bootstrap step.</exception>
    public static string FoundryTool(string name)
    {
        var path = Path.Combine(NodeModules, "@foundry-rs", $"{name}-linux-amd64", "bin", name);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Foundry '{name}' is not installed at {path}. Run ./eng/bootstrap.sh (npm ci) from the repository root.", path);
        return path;
    }

    private static string FindRoot()
    {
        var recorded = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "CredentialLedger.sln")))
            return recorded;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CredentialLedger.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException(
            $"No CredentialLedger.sln at {recorded} or above {AppContext.BaseDirectory}; tests must run from inside the repository.");
    }
}
