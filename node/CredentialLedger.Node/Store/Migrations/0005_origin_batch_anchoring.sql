-- The block and transaction that anchored each origin batch, as rm_batches has them for AEO batches: the read model
-- then says where every certificate of origin was anchored (the audit compares that with a replay of the chain).
-- Rows indexed before this migration keep NULL: the comparison reports them as not known to the read model.

ALTER TABLE rm_origin_batches ADD COLUMN block_number INTEGER;
ALTER TABLE rm_origin_batches ADD COLUMN tx_hash BLOB;
