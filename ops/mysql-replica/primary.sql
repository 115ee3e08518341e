-- Run once by the MySQL image when the primary's volume is new (docker-compose.replica.yml):
-- the account the replica connects with.
CREATE USER 'replicator'@'%' IDENTIFIED BY 'replicator-dev';
GRANT REPLICATION SLAVE ON *.* TO 'replicator'@'%';
