using System.Globalization;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm.Abi;
using K = CredentialLedger.Sdk.Bundles.ProofBundleProblemKind;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// The offline checks of a bundle against itself: logs in chain order, each a decodable event of the bundle's
/// registries that the verification depends on, blocks that agree with each other and with the block the bundle was
/// taken at, events that obey the rules the registries enforce, and an anchoring receipt that holds the root's
/// BatchAnchored log. None of this proves the logs complete or on the canonical chain (README.md, "Limits").
/// </summary>
internal static class BundleConsistency
{
    /// <summary>A decoded log: its place in the bundle, the log, and its event.</summary>
    public readonly record struct DecodedLog(int Number, BundleLog Log, RegistryEvent Event);

    /// <summary>Every problem found (empty when consistent); <paramref name="decoded"/> gets the logs that decode, in bundle order.</summary>
    public static IReadOnlyList<ProofBundleProblem> Check(ProofBundle bundle, out IReadOnlyList<DecodedLog> decoded)
    {
        var problems = new List<ProofBundleProblem>();
        CheckRegistries(bundle, problems);
        CheckOrder(bundle, problems);
        decoded = Decode(bundle, problems);
        CheckBlocks(bundle, problems);
        CheckScope(bundle, decoded, problems);
        CheckContractRules(decoded, problems);
        CheckAnchor(bundle, decoded, problems);
        return problems;
    }

    private static void CheckRegistries(ProofBundle bundle, List<ProofBundleProblem> problems)
    {
        var all = bundle.Registries.All;
        if (all.Distinct().Count() != all.Count)
            problems.Add(new(K.Malformed, "two registries share one address, so their events cannot be told apart"));
    }

    private static void CheckOrder(ProofBundle bundle, List<ProofBundleProblem> problems)
    {
        for (var i = 1; i < bundle.Logs.Count; i++)
        {
            var previous = bundle.Logs[i - 1].Position;
            var current = bundle.Logs[i].Position;
            if (current.CompareTo(previous) == 0)
                problems.Add(new(K.LogOrder, $"log #{i} repeats log #{i - 1} ({Where(bundle.Logs[i])})"));
            else if (current < previous)
                problems.Add(new(K.LogOrder, $"log #{i} ({Where(bundle.Logs[i])}) comes before log #{i - 1} ({Where(bundle.Logs[i - 1])}) in the chain"));
        }
    }

    private static List<DecodedLog> Decode(ProofBundle bundle, List<ProofBundleProblem> problems)
    {
        var decoder = new RegistryEventDecoder(bundle.Registries);
        var decoded = new List<DecodedLog>();
        for (var i = 0; i < bundle.Logs.Count; i++)
        {
            var log = bundle.Logs[i];
            if (!bundle.Registries.All.Contains(log.Address))
            {
                problems.Add(new(K.ForeignLog, $"log #{i} ({Where(log)}) was emitted by {log.Address}, which is none of the bundle's registries"));
                continue;
            }
            try
            {
                if (decoder.TryDecode(log.ToLog(), out var registryEvent))
                    decoded.Add(new DecodedLog(i, log, registryEvent));
                else
                    problems.Add(new(K.ForeignLog, $"log #{i} ({Where(log)}) is not an event of the registry at {log.Address}"));
            }
            catch (Exception e) when (e is AbiDecodingException or ArgumentException or OverflowException or FormatException)
            {
                problems.Add(new(K.ForeignLog, $"log #{i} ({Where(log)}) does not decode: {e.Message}"));
            }
        }
        return decoded;
    }

    private static void CheckBlocks(ProofBundle bundle, List<ProofBundleProblem> problems)
    {
        var taken = bundle.TakenAt;
        var blocks = new SortedDictionary<ulong, (int First, BundleLog Log)>();
        for (var i = 0; i < bundle.Logs.Count; i++)
        {
            var log = bundle.Logs[i];
            if (log.BlockNumber > taken.Number)
                problems.Add(new(K.BlockMismatch, $"log #{i} is in block {log.BlockNumber}, after block {taken.Number} the bundle was taken at"));
            else if (log.BlockNumber == taken.Number && (log.BlockHash != taken.Hash || log.BlockTimestamp != taken.Timestamp))
                problems.Add(new(K.BlockMismatch, $"log #{i} gives block {log.BlockNumber} another hash or time than the block the bundle was taken at"));
            else if (log.BlockTimestamp > taken.Timestamp)
                problems.Add(new(K.BlockMismatch, $"log #{i}'s block {log.BlockNumber} has time {log.BlockTimestamp}, after the time of block {taken.Number} ({taken.Timestamp}) the bundle was taken at"));
            if (!blocks.TryGetValue(log.BlockNumber, out var seen))
                blocks[log.BlockNumber] = (i, log);
            else if (seen.Log.BlockHash != log.BlockHash)
                problems.Add(new(K.BlockMismatch, $"logs #{seen.First} and #{i} are both in block {log.BlockNumber} but give it different hashes"));
            else if (seen.Log.BlockTimestamp != log.BlockTimestamp)
                problems.Add(new(K.BlockMismatch, $"logs #{seen.First} and #{i} are both in block {log.BlockNumber} but give it different times"));
        }
        // Block times never go backwards along the chain.
        (ulong Number, ulong Time)? earlier = null;
        foreach (var (number, (_, log)) in blocks)
        {
            if (earlier is { } e && log.BlockTimestamp < e.Time)
                problems.Add(new(K.BlockMismatch, $"block {number} has time {log.BlockTimestamp}, earlier than block {e.Number} ({e.Time})"));
            earlier = (number, log.BlockTimestamp);
        }
    }

    private static void CheckScope(ProofBundle bundle, IReadOnlyList<DecodedLog> decoded, List<ProofBundleProblem> problems)
    {
        var scope = BundleScope.For(bundle.Credential, bundle.Verifier, decoded.Select(d => d.Event));
        foreach (var d in decoded)
        {
            if (!scope.IsRelevant(d.Event))
                problems.Add(new(K.UnrelatedLog, $"log #{d.Number} ({d.Event.GetType().Name}, {Where(d.Log)}) does not bear on this verification"));
        }
    }

    /// <summary>
    /// Rules the registries enforce on what they emit (contracts/README.md). A log that breaks one was not emitted by
    /// them: most often an edited block time, which would otherwise move a membership or MRA change in time unseen.
    /// </summary>
    private static void CheckContractRules(IReadOnlyList<DecodedLog> decoded, List<ProofBundleProblem> problems)
    {
        var rules = new ContractRules();
        foreach (var (number, log, e) in decoded)
        {
            foreach (var broken in rules.Apply(e, log))
                problems.Add(new(K.ContractRule, $"log #{number} ({Where(log)}): {broken}"));
        }
    }

    private static void CheckAnchor(ProofBundle bundle, IReadOnlyList<DecodedLog> decoded, List<ProofBundleProblem> problems)
    {
        var root = bundle.Credential.Root;
        var batch = decoded.FirstOrDefault(d => d.Event is BatchAnchored b && b.Root == root);
        var anchor = bundle.Anchor;
        if (anchor is null)
        {
            if (batch.Log is not null)
                problems.Add(new(K.Anchor, $"root {root} is anchored (log #{batch.Number}), but the bundle has no anchoring receipt"));
            return;
        }
        if (!anchor.Succeeded)
            problems.Add(new(K.Anchor, $"the anchoring transaction {anchor.TransactionHash} failed (receipt status 0)"));
        if (anchor.BlockNumber > bundle.TakenAt.Number)
            problems.Add(new(K.Anchor, $"the anchoring receipt is in block {anchor.BlockNumber}, after block {bundle.TakenAt.Number} the bundle was taken at"));
        for (var i = 1; i < anchor.Logs.Count; i++)
        {
            if (anchor.Logs[i].LogIndex <= anchor.Logs[i - 1].LogIndex)
                problems.Add(new(K.Anchor, $"the receipt's log #{i} is not after its log #{i - 1} (log index {anchor.Logs[i].LogIndex})"));
        }
        if (batch.Log is null)
        {
            problems.Add(new(K.Anchor, $"the bundle has an anchoring receipt, but no BatchAnchored log of root {root}"));
            return;
        }
        var log = batch.Log;
        if (log.TransactionHash != anchor.TransactionHash)
            problems.Add(new(K.Anchor, $"root {root} was anchored by transaction {log.TransactionHash} (log #{batch.Number}), not by the receipt's {anchor.TransactionHash}"));
        if (log.BlockNumber != anchor.BlockNumber || log.BlockHash != anchor.BlockHash)
            problems.Add(new(K.Anchor, $"the receipt puts the anchoring in block {anchor.BlockNumber} ({anchor.BlockHash}), log #{batch.Number} in block {log.BlockNumber} ({log.BlockHash})"));
        if (!anchor.Logs.Any(log.SameEventAs))
            problems.Add(new(K.Anchor, $"the receipt holds no log identical to the BatchAnchored log #{batch.Number} of root {root} from the credential registry"));
    }

    private static string Where(BundleLog log) =>
        string.Create(CultureInfo.InvariantCulture, $"block {log.BlockNumber}, log index {log.LogIndex}");
}
