-- The only DDL of the pipeline. jOOQ classes are generated from these scripts at build time
-- (DDLDatabase replays them without a server), so indexes are separate CREATE INDEX statements.
--
-- Identifiers are ASCII with a binary collation: ids are case-sensitive and compare byte-wise.
-- Column sizes follow the field limits of the event contract (schema/src/main/resources/schema/*.json);
-- an item over a limit is rejected by the validator before it reaches Kafka or this database.

CREATE TABLE translation_session (
  session_id      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  user_id         VARCHAR(64),
  status          VARCHAR(16) NOT NULL,
  source_language VARCHAR(35),
  target_language VARCHAR(35),
  title           VARCHAR(512),
  total_tasks     INT,
  completed_tasks INT,
  failed_tasks    INT,
  metadata        JSON,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  completed_at    DATETIME(6),
  -- server-owned: the event that wrote this version and when the worker applied it
  event_id        CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  applied_at      DATETIME(6) NOT NULL,
  PRIMARY KEY (session_id)
);

CREATE INDEX ix_session_created ON translation_session (created_at, session_id);
CREATE INDEX ix_session_updated ON translation_session (updated_at, session_id);
CREATE INDEX ix_session_status_created ON translation_session (status, created_at, session_id);
CREATE INDEX ix_session_status_updated ON translation_session (status, updated_at, session_id);
CREATE INDEX ix_session_user_created ON translation_session (user_id, created_at, session_id);
CREATE INDEX ix_session_user_updated ON translation_session (user_id, updated_at, session_id);

-- No foreign key to translation_session: a task may arrive before its session.
CREATE TABLE translation_task (
  task_id         VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  session_id      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  sequence        INT,
  status          VARCHAR(16) NOT NULL,
  source_text     MEDIUMTEXT,
  translated_text MEDIUMTEXT,
  error_message   TEXT,
  retry_count     INT,
  metadata        JSON,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  completed_at    DATETIME(6),
  event_id        CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  applied_at      DATETIME(6) NOT NULL,
  PRIMARY KEY (task_id)
);

CREATE INDEX ix_task_session_sequence ON translation_task (session_id, sequence, task_id);
CREATE INDEX ix_task_created ON translation_task (created_at, task_id);
CREATE INDEX ix_task_updated ON translation_task (updated_at, task_id);
CREATE INDEX ix_task_status_created ON translation_task (status, created_at, task_id);
CREATE INDEX ix_task_status_updated ON translation_task (status, updated_at, task_id);

-- The writer's position per partition, written in the same transaction as the rows it applied.
-- next_offset is the offset of the next record to apply (Kafka's committed-offset convention).
CREATE TABLE consumer_offset (
  consumer_group  VARCHAR(255) NOT NULL,
  topic           VARCHAR(249) NOT NULL,
  kafka_partition INT NOT NULL,
  next_offset     BIGINT NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  PRIMARY KEY (consumer_group, topic, kafka_partition)
);

-- A deleted session and its tasks: events whose updated_at is not after deleted_at are ignored,
-- so late or replayed events older than the delete cannot bring them back.
CREATE TABLE session_tombstone (
  session_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  deleted_at DATETIME(6) NOT NULL,
  PRIMARY KEY (session_id)
);

CREATE INDEX ix_tombstone_deleted ON session_tombstone (deleted_at);
