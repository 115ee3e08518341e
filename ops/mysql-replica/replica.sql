-- Run once by the MySQL image when the replica's volume is new (docker-compose.replica.yml): follow the
-- primary from its first GTID transaction, which brings the translation database, its user and every
-- row. caching_sha2_password over a connection without TLS needs the primary's public key.
CHANGE REPLICATION SOURCE TO
  SOURCE_HOST = 'mysql',
  SOURCE_PORT = 3306,
  SOURCE_USER = 'replicator',
  SOURCE_PASSWORD = 'replicator-dev',
  SOURCE_AUTO_POSITION = 1,
  GET_SOURCE_PUBLIC_KEY = 1;
START REPLICA;
