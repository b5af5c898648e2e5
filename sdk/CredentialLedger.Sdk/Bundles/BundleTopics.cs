using System.Buffers.Binary;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>The topic filters the exporter asks <c>eth_getLogs</c> for, from the registries' event signatures.</summary>
internal static class BundleTopics
{
    public static readonly Hash32 BatchAnchored = Topic0(nameof(Contracts.Events.BatchAnchored));

    public static readonly IReadOnlyList<Hash32> CredentialEvents =
    [
        BatchAnchored,
        Topic0(nameof(CredentialStatusChanged)),
        Topic0(nameof(CredentialStatusesChanged)),
        Topic0(nameof(CredentialSuperseded)),
    ];

    public static readonly IReadOnlyList<Hash32> MembershipEvents = [Topic0(nameof(MemberAdmitted)), Topic0(nameof(MemberRemoved))];

    public static readonly IReadOnlyList<Hash32> KeyEvents = [Topic0(nameof(KeyRegistered)), Topic0(nameof(KeyRevoked))];

    public static readonly Hash32 MraProposed = Topic0(nameof(Contracts.Events.MraProposed));

    public static readonly IReadOnlyList<Hash32> MraEvents =
    [
        MraProposed,
        Topic0(nameof(MraAmended)),
        Topic0(nameof(MraAccepted)),
        Topic0(nameof(MraConcluded)),
        Topic0(nameof(MraSuspended)),
        Topic0(nameof(MraResumed)),
        Topic0(nameof(MraTerminated)),
    ];

    /// <summary>An indexed <c>bytes2</c>: the two bytes left-aligned in the 32-byte topic (ABI encoding of fixed bytes).</summary>
    public static Hash32 Member(MemberCode member)
    {
        Span<byte> topic = stackalloc byte[Hash32.Size];
        topic.Clear();
        member.CopyTo(topic);
        return new Hash32(topic);
    }

    /// <summary>An indexed <c>uint256</c>: big-endian, right-aligned.</summary>
    public static Hash32 Uint(ulong value)
    {
        Span<byte> topic = stackalloc byte[Hash32.Size];
        topic.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(topic[24..], value);
        return new Hash32(topic);
    }

    private static Hash32 Topic0(string eventName) => RegistryEventDecoder.Signatures.Single(s => s.Name == eventName).Topic0;
}
