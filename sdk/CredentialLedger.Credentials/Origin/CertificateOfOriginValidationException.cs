namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// A certificate of origin (or its JSON input) is not acceptable; <see cref="Problems"/> names every problem with its
/// field path, e.g. <c>goods[2].hsCode: 'ABC' is not 6, 8 or 10 digits</c>.
/// </summary>
public sealed class CertificateOfOriginValidationException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public CertificateOfOriginValidationException(IReadOnlyList<string> problems)
        : base("Invalid certificate of origin: " + string.Join("; ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Creates the exception with one problem.</summary>
    public CertificateOfOriginValidationException(string message) : base(message) => Problems = [message];

    /// <summary>Creates the exception with one problem and a cause.</summary>
    public CertificateOfOriginValidationException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    /// <summary>Creates the exception.</summary>
    public CertificateOfOriginValidationException() : this("Invalid certificate of origin.") { }

    /// <summary>Every problem, each as "field.path: what is wrong".</summary>
    public IReadOnlyList<string> Problems { get; }
}
