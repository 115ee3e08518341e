-- How many delete transactions (explicit deletes and retention chunks) have committed: each adds one
-- in the same transaction as its deletes, as it takes the fence. A read replica's value therefore says
-- which deletes it has applied, as its consumer_offset rows say which events (query-api measures a
-- replica's lag and checks consistency tokens with both; docs/operations.md, "Read replicas").
ALTER TABLE write_fence ADD COLUMN deletions BIGINT NOT NULL DEFAULT 0;
