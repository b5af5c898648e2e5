namespace CredentialLedger.Credentials.Jwt;

/// <summary>An AEO certificate failed validation; <see cref="Errors"/> names every problem with its field.</summary>
public sealed class AeoCertificateValidationException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public AeoCertificateValidationException(IReadOnlyList<string> errors)
        : base("Invalid AEO certificate: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with one message.</summary>
    public AeoCertificateValidationException(string message) : base(message) => Errors = [message];

    /// <summary>Creates the exception with one message and a cause.</summary>
    public AeoCertificateValidationException(string message, Exception innerException) : base(message, innerException) => Errors = [message];

    /// <summary>Creates the exception.</summary>
    public AeoCertificateValidationException() : this("Invalid AEO certificate.") { }

    /// <summary>Every problem, each as "field: what is wrong".</summary>
    public IReadOnlyList<string> Errors { get; }
}
