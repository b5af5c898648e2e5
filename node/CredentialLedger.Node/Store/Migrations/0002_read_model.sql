-- The chain read model: every registry event of every member, applied by the indexer. chain_events is the audit
-- log (one row per log, so an event can never be applied twice); the rm_ tables are the state rebuilt from it.

CREATE TABLE chain_events (
    block_number     INTEGER NOT NULL,
    log_index        INTEGER NOT NULL,
    tx_hash          BLOB    NOT NULL,
    contract         TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- One row: the last block whose events are all applied, and its hash (to notice a chain that changed under us).
CREATE TABLE indexer_cursor (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    block_number     INTEGER NOT NULL,
    block_hash       BLOB    NOT NULL
);

CREATE TABLE rm_members (
    code             TEXT PRIMARY KEY,
    active           INTEGER NOT NULL,
    epoch            INTEGER NOT NULL,
    changed_block    INTEGER NOT NULL
);

CREATE TABLE rm_operators (
    account          TEXT PRIMARY KEY,
    member           TEXT NOT NULL
);

CREATE TABLE rm_keys (
    key_id           BLOB PRIMARY KEY,
    member           TEXT    NOT NULL,
    chamber          TEXT,
    public_key       BLOB    NOT NULL,
    valid_from_s     INTEGER NOT NULL,
    valid_until_s    INTEGER NOT NULL,
    revoked_at_s     INTEGER NOT NULL DEFAULT 0,
    revocation_reason INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE rm_chambers (
    chamber          TEXT PRIMARY KEY,
    member           TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    reason           INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE rm_batches (
    root             BLOB PRIMARY KEY,
    issuer           TEXT    NOT NULL,
    size             INTEGER NOT NULL,
    anchored_at_s    INTEGER NOT NULL,
    block_number     INTEGER NOT NULL,
    tx_hash          BLOB    NOT NULL
);
CREATE INDEX rm_batches_issuer ON rm_batches(issuer);

-- Only credentials whose status ever changed (an anchored credential is Active until then).
CREATE TABLE rm_statuses (
    root             BLOB    NOT NULL,
    leaf_index       INTEGER NOT NULL,
    status           INTEGER NOT NULL,                  -- CredentialRegistry: 0 active, 1 suspended, 2 revoked, 3 superseded
    reason           INTEGER NOT NULL,
    effective_at_s   INTEGER NOT NULL,
    new_root         BLOB,
    new_index        INTEGER,
    block_number     INTEGER NOT NULL,
    PRIMARY KEY (root, leaf_index)
);

CREATE TABLE rm_mras (
    mra_id           INTEGER PRIMARY KEY,
    parties          TEXT    NOT NULL,                  -- comma-separated member codes
    scope            INTEGER NOT NULL,
    benefits         INTEGER NOT NULL,
    valid_from_s     INTEGER NOT NULL,
    valid_until_s    INTEGER NOT NULL,
    version          INTEGER NOT NULL,
    concluded_version INTEGER NOT NULL DEFAULT 0,
    status           TEXT    NOT NULL                   -- proposed, in-force, suspended, terminated
);

CREATE TABLE rm_origin_batches (
    root             BLOB PRIMARY KEY,
    chamber          TEXT    NOT NULL,
    member           TEXT    NOT NULL,
    size             INTEGER NOT NULL,
    anchored_at_s    INTEGER NOT NULL
);

CREATE TABLE rm_origin_certificates (
    root             BLOB    NOT NULL,
    leaf_index       INTEGER NOT NULL,
    revoked_at_s     INTEGER,
    used_by          TEXT,
    PRIMARY KEY (root, leaf_index)
);
