-- Chambers of commerce served by this node (their keys are in the keystore), the certificates of origin they issue,
-- and the outbox, batches and chain transactions that anchor and revoke them from each chamber's own account.
-- Times are unix milliseconds unless the column says _s (seconds, as on chain).

CREATE TABLE chambers (
    id               TEXT    PRIMARY KEY,                -- the chamber id as printed (ASCII, e.g. KR-KCCI)
    name             TEXT    NOT NULL,
    account          TEXT    NOT NULL UNIQUE,            -- the chamber's chain account (EIP-55)
    token_hash       BLOB,                               -- SHA-256 of its bearer token; null until onboarding finished
    status           TEXT    NOT NULL,                   -- onboarding, active, suspended, withdrawn (as this node last acted or saw)
    reason           INTEGER NOT NULL DEFAULT 0,         -- of the last suspension or withdrawal
    status_block     INTEGER NOT NULL DEFAULT 0,         -- the block of this node's act that set the status (0: none); a
                                                         -- ledger history at or past it knows better
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);

-- Signed before it is broadcast, as chain_transactions, but per chamber account: each account has its own nonces.
CREATE TABLE origin_transactions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    chamber          TEXT    NOT NULL REFERENCES chambers(id),
    account          TEXT    NOT NULL,
    purpose          TEXT    NOT NULL,                   -- origin-anchor, origin-revoke
    nonce            INTEGER NOT NULL,
    hash             BLOB    NOT NULL UNIQUE,
    raw              BLOB    NOT NULL,
    state            INTEGER NOT NULL,                   -- 0 signed, 1 confirmed, 2 failed
    created_at       INTEGER NOT NULL,
    block_number     INTEGER,
    block_time_s     INTEGER,
    confirmed_at     INTEGER,
    error            TEXT,
    UNIQUE (account, nonce)
);
CREATE INDEX origin_transactions_state ON origin_transactions(state, account, nonce);

CREATE TABLE origin_batches (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    chamber          TEXT    NOT NULL REFERENCES chambers(id),
    root             BLOB    NOT NULL UNIQUE,
    size             INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    chain_tx_id      INTEGER NOT NULL REFERENCES origin_transactions(id)
);

CREATE TABLE origin_certificates (
    seq                  INTEGER PRIMARY KEY AUTOINCREMENT,  -- acceptance order
    id                   TEXT    NOT NULL UNIQUE,            -- urn:uuid:...
    chamber              TEXT    NOT NULL REFERENCES chambers(id),
    certificate_number   TEXT    NOT NULL,
    exporter             TEXT    NOT NULL,                   -- the exporter's name, for lists
    xml                  BLOB    NOT NULL,                   -- the signed document, byte for byte
    document_hash        BLOB    NOT NULL,                   -- keccak-256 of the XML bytes
    key_id               BLOB    NOT NULL,
    issued_at_s          INTEGER NOT NULL,
    accepted_at          INTEGER NOT NULL,
    idempotency_key      TEXT,
    state                INTEGER NOT NULL DEFAULT 0,         -- 0 issued, 1 revoked, 2 refused (its chamber lost its authorization before anchoring)
    batch_id             INTEGER REFERENCES origin_batches(id),
    leaf_index           INTEGER,
    proof                BLOB,                               -- concatenated 32-byte sibling hashes
    revocation_reason    INTEGER,
    revocation_effective_s INTEGER,
    refusal              TEXT,
    UNIQUE (chamber, idempotency_key)
);
-- A number is issued once per chamber; a refused certificate (never anchored) frees its number.
CREATE UNIQUE INDEX origin_certificates_number ON origin_certificates(chamber, certificate_number) WHERE state <> 2;
CREATE INDEX origin_certificates_chamber ON origin_certificates(chamber, seq);
CREATE INDEX origin_certificates_batch ON origin_certificates(batch_id);

-- Work for the chamber accounts, written in the same transaction as the issuance or revocation it carries; it leaves
-- the outbox (done = 1) in the transaction that records the chain transaction carrying it.
CREATE TABLE origin_outbox (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             INTEGER NOT NULL,                   -- 0 anchor, 1 revoke
    certificate_id   TEXT    NOT NULL REFERENCES origin_certificates(id),
    chamber          TEXT    NOT NULL,
    reason           INTEGER NOT NULL DEFAULT 0,
    effective_at_s   INTEGER NOT NULL DEFAULT 0,
    enqueued_at      INTEGER NOT NULL,
    chain_tx_id      INTEGER REFERENCES origin_transactions(id),
    done             INTEGER NOT NULL DEFAULT 0,         -- 1 carried by a transaction, 2 given up (see error)
    error            TEXT
);
CREATE INDEX origin_outbox_pending ON origin_outbox(done, chamber, kind, seq);
CREATE INDEX origin_outbox_certificate ON origin_outbox(certificate_id);
