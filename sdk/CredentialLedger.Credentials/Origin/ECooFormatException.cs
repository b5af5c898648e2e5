namespace CredentialLedger.Credentials.Origin;

/// <summary>An e-CoO document could not be read; <see cref="Failure"/> says which kind of failure, <see cref="Problems"/> what.</summary>
public sealed class ECooFormatException : FormatException
{
    /// <summary>Creates the exception for one problem.</summary>
    public ECooFormatException(ECooFailure failure, string message) : base(message)
    {
        Failure = failure;
        Problems = [message];
    }

    /// <summary>Creates the exception for several problems (the content problems of one document).</summary>
    public ECooFormatException(ECooFailure failure, IReadOnlyList<string> problems)
        : base("Invalid certificate of origin: " + string.Join("; ", problems ?? []))
    {
        Failure = failure;
        Problems = problems ?? [];
    }

    /// <summary>Creates a <see cref="ECooFailure.Malformed"/> exception with one message and a cause.</summary>
    public ECooFormatException(string message, Exception innerException) : base(message, innerException)
    {
        Failure = ECooFailure.Malformed;
        Problems = [message];
    }

    /// <summary>Creates a <see cref="ECooFailure.Malformed"/> exception with one message.</summary>
    public ECooFormatException(string message) : this(ECooFailure.Malformed, message) { }

    /// <summary>Creates a <see cref="ECooFailure.Malformed"/> exception.</summary>
    public ECooFormatException() : this("Not an e-CoO document.") { }

    /// <summary>The kind of failure.</summary>
    public ECooFailure Failure { get; }

    /// <summary>Every problem found (one, except for content problems, which are all listed).</summary>
    public IReadOnlyList<string> Problems { get; }
}
