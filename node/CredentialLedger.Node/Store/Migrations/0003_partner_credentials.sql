-- Certificates pulled from partners under an MRA (each verified against the chain before it is stored), and where
-- each partner's pull and status stream stand.
CREATE TABLE partner_credentials (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    issuer           TEXT    NOT NULL,                  -- the partner member that issued it
    id               TEXT    NOT NULL,                  -- urn:uuid:...
    aeo_number       TEXT    NOT NULL,
    jws              TEXT    NOT NULL,
    root             BLOB    NOT NULL,
    leaf_index       INTEGER NOT NULL,
    proof            BLOB    NOT NULL,                  -- concatenated 32-byte sibling hashes
    pulled_at_ms     INTEGER NOT NULL,
    UNIQUE (issuer, id)
);

CREATE INDEX partner_credentials_aeo_number ON partner_credentials (aeo_number);

CREATE TABLE partner_cursors (
    issuer           TEXT    PRIMARY KEY,
    page_token       TEXT    NOT NULL DEFAULT '',       -- the next Pull page
    watch_sequence   INTEGER NOT NULL DEFAULT 0         -- the last status change seen on the stream
);
