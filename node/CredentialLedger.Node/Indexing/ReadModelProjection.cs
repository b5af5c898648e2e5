using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Node.Store;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Indexing;

/// <summary>How each registry event changes the read model (the rm_ tables).</summary>
internal static class ReadModelProjection
{
    public static void Apply(SqliteConnection c, SqliteTransaction t, RegistryEvent e)
    {
        var block = (long)e.Position.BlockNumber;
        switch (e)
        {
            case MemberAdmitted m:
                Run(c, t, """
                    INSERT INTO rm_members (code, active, epoch, changed_block) VALUES ($m, 1, $e, $b)
                    ON CONFLICT (code) DO UPDATE SET active = 1, epoch = $e, changed_block = $b
                    """, ("$m", m.Member.ToString()), ("$e", (long)m.Epoch), ("$b", block));
                break;
            case MemberRemoved m:
                Run(c, t, "UPDATE rm_members SET active = 0, changed_block = $b WHERE code = $m", ("$m", m.Member.ToString()), ("$b", block));
                Run(c, t, "DELETE FROM rm_operators WHERE member = $m", ("$m", m.Member.ToString()));
                break;
            case OperatorAdded o:
                Run(c, t, "INSERT INTO rm_operators (account, member) VALUES ($a, $m) ON CONFLICT (account) DO UPDATE SET member = $m",
                    ("$a", o.Account.ToString()), ("$m", o.Member.ToString()));
                break;
            case OperatorRemoved o:
                Run(c, t, "DELETE FROM rm_operators WHERE account = $a", ("$a", o.Account.ToString()));
                break;
            case KeyRegistered k:
                Run(c, t, """
                    INSERT INTO rm_keys (key_id, member, chamber, public_key, valid_from_s, valid_until_s) VALUES ($k, $m, $c, $p, $f, $u)
                    ON CONFLICT (key_id) DO NOTHING
                    """, ("$k", k.KeyId.ToArray()), ("$m", k.Member.ToString()), ("$c", (object?)k.Chamber?.ToString() ?? DBNull.Value),
                    ("$p", k.PublicKey.ToArray()), ("$f", (long)k.ValidFrom), ("$u", (long)k.ValidUntil));
                break;
            case KeyRevoked k:
                Run(c, t, "UPDATE rm_keys SET revoked_at_s = $r, revocation_reason = $why WHERE key_id = $k",
                    ("$k", k.KeyId.ToArray()), ("$r", (long)k.EffectiveAt), ("$why", (long)k.Reason));
                break;
            case ChamberAuthorized ch:
                Run(c, t, """
                    INSERT INTO rm_chambers (chamber, member, status) VALUES ($c, $m, 'active')
                    ON CONFLICT (chamber) DO UPDATE SET member = $m, status = 'active', reason = 0
                    """, ("$c", ch.Chamber.ToString()), ("$m", ch.Member.ToString()));
                break;
            case ChamberSuspended ch:
                Chamber(c, t, ch.Chamber, "suspended", ch.Reason);
                break;
            case ChamberReinstated ch:
                Chamber(c, t, ch.Chamber, "active", 0);
                break;
            case ChamberWithdrawn ch:
                Chamber(c, t, ch.Chamber, "withdrawn", ch.Reason);
                break;
            case BatchAnchored b:
                Run(c, t, """
                    INSERT INTO rm_batches (root, issuer, size, anchored_at_s, block_number, tx_hash) VALUES ($r, $i, $s, $a, $b, $t)
                    ON CONFLICT (root) DO NOTHING
                    """, ("$r", b.Root.ToArray()), ("$i", b.Issuer.ToString()), ("$s", (long)b.Size), ("$a", (long)b.AnchoredAt),
                    ("$b", block), ("$t", b.Position.TransactionHash.ToArray()));
                break;
            case CredentialStatusChanged s:
                Status(c, t, s.Root, s.Index, s.Status, s.Reason, s.EffectiveAt, null, null, block);
                break;
            case CredentialStatusesChanged s:
                foreach (var index in s.Indices)
                    Status(c, t, s.Root, index, s.Status, s.Reason, s.EffectiveAt, null, null, block);
                break;
            case CredentialSuperseded s:
                Status(c, t, s.Root, s.Index, CredentialStatus.Superseded, s.Reason, s.EffectiveAt, s.NewRoot, s.NewIndex, block);
                break;
            case MraProposed m:
                Run(c, t, """
                    INSERT INTO rm_mras (mra_id, parties, scope, benefits, valid_from_s, valid_until_s, version, status)
                    VALUES ($id, $p, $s, $b, $f, $u, 1, 'proposed') ON CONFLICT (mra_id) DO NOTHING
                    """, ("$id", (long)m.MraId), ("$p", string.Join(',', m.Parties.Select(p => p.ToString()))), ("$s", (long)m.Scope),
                    ("$b", (long)m.Benefits), ("$f", (long)m.ValidFrom), ("$u", (long)m.ValidUntil));
                break;
            case MraAmended m:
                Run(c, t, "UPDATE rm_mras SET version = $v, scope = $s, benefits = $b, valid_from_s = $f, valid_until_s = $u WHERE mra_id = $id",
                    ("$id", (long)m.MraId), ("$v", (long)m.Version), ("$s", (long)m.Scope), ("$b", (long)m.Benefits),
                    ("$f", (long)m.ValidFrom), ("$u", (long)m.ValidUntil));
                break;
            case MraConcluded m:
                Run(c, t, "UPDATE rm_mras SET concluded_version = $v, status = 'in-force' WHERE mra_id = $id", ("$id", (long)m.MraId), ("$v", (long)m.Version));
                break;
            case MraSuspended m:
                Mra(c, t, m.MraId, "suspended");
                break;
            case MraResumed m:
                Mra(c, t, m.MraId, "in-force");
                break;
            case MraTerminated m:
                Mra(c, t, m.MraId, "terminated");
                break;
            case OriginBatchAnchored o:
                Run(c, t, """
                    INSERT INTO rm_origin_batches (root, chamber, member, size, anchored_at_s, block_number, tx_hash) VALUES ($r, $c, $m, $s, $a, $b, $t)
                    ON CONFLICT (root) DO NOTHING
                    """, ("$r", o.Root.ToArray()), ("$c", o.Chamber.ToString()), ("$m", o.Member.ToString()), ("$s", (long)o.Size), ("$a", (long)o.AnchoredAt),
                    ("$b", block), ("$t", o.Position.TransactionHash.ToArray()));
                break;
            case CertificateRevoked r:
                Run(c, t, """
                    INSERT INTO rm_origin_certificates (root, leaf_index, revoked_at_s) VALUES ($r, $i, $a)
                    ON CONFLICT (root, leaf_index) DO UPDATE SET revoked_at_s = $a
                    """, ("$r", r.Root.ToArray()), ("$i", (long)r.Index), ("$a", (long)r.EffectiveAt));
                break;
            case CertificateUsed u:
                Run(c, t, """
                    INSERT INTO rm_origin_certificates (root, leaf_index, used_by) VALUES ($r, $i, $m)
                    ON CONFLICT (root, leaf_index) DO UPDATE SET used_by = $m
                    """, ("$r", u.Root.ToArray()), ("$i", (long)u.Index), ("$m", u.Member.ToString()));
                break;
            default:
                break; // proposals, votes, acceptances, chamber accounts: in chain_events, no state of their own here
        }
    }

    private static void Chamber(SqliteConnection c, SqliteTransaction t, ChamberId chamber, string status, byte reason) =>
        Run(c, t, "UPDATE rm_chambers SET status = $s, reason = $r WHERE chamber = $c", ("$c", chamber.ToString()), ("$s", status), ("$r", (long)reason));

    private static void Mra(SqliteConnection c, SqliteTransaction t, ulong id, string status) =>
        Run(c, t, "UPDATE rm_mras SET status = $s WHERE mra_id = $id", ("$id", (long)id), ("$s", status));

    private static void Status(SqliteConnection c, SqliteTransaction t, Evm.Hash32 root, uint index, CredentialStatus status, byte reason,
        ulong effectiveAt, Evm.Hash32? newRoot, uint? newIndex, long block) =>
        Run(c, t, """
            INSERT INTO rm_statuses (root, leaf_index, status, reason, effective_at_s, new_root, new_index, block_number)
            VALUES ($r, $i, $s, $why, $e, $nr, $ni, $b)
            ON CONFLICT (root, leaf_index) DO UPDATE SET status = $s, reason = $why, effective_at_s = $e, new_root = $nr, new_index = $ni, block_number = $b
            """, ("$r", root.ToArray()), ("$i", (long)index), ("$s", (long)status), ("$why", (long)reason), ("$e", (long)effectiveAt),
            ("$nr", (object?)newRoot?.ToArray() ?? DBNull.Value), ("$ni", (object?)newIndex ?? DBNull.Value), ("$b", block));

    private static void Run(SqliteConnection c, SqliteTransaction t, string sql, params (string, object)[] parameters) =>
        CertificateStore.Run(c, t, sql, parameters);
}
