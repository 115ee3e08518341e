-- The delete protocol (com.translation.pipeline.schema.db.SessionDeletion) serialises deletes with
-- the writer through one row: every writer transaction reads it in share mode first, every delete
-- transaction locks it exclusively first. Record locks on an existing row hold under every isolation
-- level, so deletes stay deleted whether the server defaults to REPEATABLE READ or READ COMMITTED;
-- the gap locks the earlier protocol relied on exist only under REPEATABLE READ.
CREATE TABLE write_fence (
  id TINYINT NOT NULL,
  PRIMARY KEY (id)
);

INSERT INTO write_fence (id) VALUES (1);

-- deleted_at is the newest version a tombstone covers: now for an explicit delete, the newest
-- updated_at of the deleted rows for a retention cleanup. recorded_at is when it was written, which
-- decides when it is purged.
ALTER TABLE session_tombstone ADD COLUMN recorded_at DATETIME(6);

UPDATE session_tombstone SET recorded_at = deleted_at;

ALTER TABLE session_tombstone MODIFY recorded_at DATETIME(6) NOT NULL;

CREATE INDEX ix_tombstone_recorded ON session_tombstone (recorded_at);

DROP INDEX ix_tombstone_deleted ON session_tombstone;

-- Dead letters that an operator replayed successfully or discarded on purpose; the others stay
-- listed. Rows below the replay group's committed position on the dead-letter topic are purged.
CREATE TABLE dead_letter_resolution (
  consumer_group  VARCHAR(255) NOT NULL,
  topic           VARCHAR(249) NOT NULL,
  kafka_partition INT NOT NULL,
  kafka_offset    BIGINT NOT NULL,
  resolution      VARCHAR(16) NOT NULL,
  resolved_at     DATETIME(6) NOT NULL,
  PRIMARY KEY (consumer_group, topic, kafka_partition, kafka_offset)
);
