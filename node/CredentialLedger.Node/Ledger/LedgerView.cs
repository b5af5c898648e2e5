using CredentialLedger.Sdk.Exchange;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Node.Ledger;

/// <summary>One ledger history and what answers from it: the verifier and the partner-token validator.</summary>
/// <param name="History">The history synced from the chain.</param>
/// <param name="Verifier">Verifies AEO certificates against it.</param>
/// <param name="Tokens">Checks partner exchange tokens against it.</param>
public sealed record LedgerView(LedgerHistory History, AeoVerifier Verifier, ExchangeTokenValidator Tokens);
