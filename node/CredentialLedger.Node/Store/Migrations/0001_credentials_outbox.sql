-- The node's own records: certificates it issued, their status history, the outbox of work for the chain, the Merkle
-- batches and the chain transactions that carry them. Times are unix milliseconds unless the column says _s (seconds,
-- as on chain).

CREATE TABLE credentials (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,  -- acceptance order
    id               TEXT    NOT NULL UNIQUE,            -- urn:uuid:...
    aeo_number       TEXT    NOT NULL,
    jws              TEXT    NOT NULL,
    document_hash    BLOB    NOT NULL,                   -- keccak-256 of the JWS
    key_id           BLOB    NOT NULL,
    valid_from_s     INTEGER NOT NULL,
    valid_until_s    INTEGER NOT NULL,
    accepted_at      INTEGER NOT NULL,
    status           INTEGER NOT NULL,                   -- latest accepted status (1 active, 2 suspended, 3 revoked, 4 superseded)
    idempotency_key  TEXT    UNIQUE,
    renews           TEXT,                               -- the certificate this one replaces
    superseded_by    TEXT,
    batch_id         INTEGER REFERENCES batches(id),     -- set when batched
    leaf_index       INTEGER,
    proof            BLOB                                -- concatenated 32-byte sibling hashes
);
CREATE INDEX credentials_aeo_number ON credentials(aeo_number);
CREATE INDEX credentials_batch ON credentials(batch_id);
CREATE INDEX credentials_status ON credentials(status);

-- Every accepted status change, in acceptance order; the sequence number is what watchers resume from.
CREATE TABLE status_changes (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    credential_id    TEXT    NOT NULL REFERENCES credentials(id),
    kind             INTEGER NOT NULL,                   -- 0 issue, 1 suspend, 2 reinstate, 3 revoke, 4 supersede
    status           INTEGER NOT NULL,                   -- the status after the change
    reason           INTEGER NOT NULL,
    effective_at_s   INTEGER NOT NULL,
    accepted_at      INTEGER NOT NULL,
    replacement_id   TEXT,                               -- supersede: the renewing certificate
    chain_tx_id      INTEGER REFERENCES chain_transactions(id)   -- set when sent; anchored once that transaction is confirmed
);
CREATE INDEX status_changes_credential ON status_changes(credential_id, seq);

-- Work for the chain, written in the same transaction as the change it carries. A row leaves the outbox (done = 1)
-- in the same transaction that records the chain transaction carrying it.
CREATE TABLE outbox (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    change_seq       INTEGER NOT NULL UNIQUE REFERENCES status_changes(seq),
    kind             INTEGER NOT NULL,
    credential_id    TEXT    NOT NULL,
    enqueued_at      INTEGER NOT NULL,
    done             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox(done, kind, seq);
CREATE INDEX outbox_credential ON outbox(credential_id, done);

CREATE TABLE batches (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    root             BLOB    NOT NULL UNIQUE,
    size             INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    chain_tx_id      INTEGER NOT NULL REFERENCES chain_transactions(id)
);

-- Signed before it is broadcast: after a crash the same bytes are sent again (same hash, same nonce), so a batch
-- can be mined once at most.
CREATE TABLE chain_transactions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    purpose          TEXT    NOT NULL,                   -- anchor, suspend, reinstate, revoke, supersede, register-key
    nonce            INTEGER NOT NULL UNIQUE,
    hash             BLOB    NOT NULL UNIQUE,
    raw              BLOB    NOT NULL,
    state            INTEGER NOT NULL,                   -- 0 signed, 1 confirmed, 2 failed
    created_at       INTEGER NOT NULL,
    block_number     INTEGER,
    block_time_s     INTEGER,
    confirmed_at     INTEGER,
    error            TEXT
);
CREATE INDEX chain_transactions_state ON chain_transactions(state, nonce);

CREATE TABLE node_state (
    key              TEXT PRIMARY KEY,
    value            TEXT NOT NULL
);
