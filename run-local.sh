#!/usr/bin/env bash
# Runs the whole pipeline locally: Kafka (KRaft) and MariaDB 11.4 with data in .local/, then
# ingest-api (8080), query-api (8081) and writer-worker (8082) as separate processes.
#   ./run-local.sh             build what is needed, start everything, Ctrl-C stops it all
#   ./run-local.sh --reset     wipe .local/ first
#   ./run-local.sh --workers N start N writer-workers in one consumer group (ports 8082..)
#   ./run-local.sh --brokers 3 a KRaft cluster of three brokers (9092, 9094, 9096): replication
#                              factor 3, min.insync.replicas 2; any one broker may be killed
#   ./run-local.sh --replica   also a MariaDB replica (3307), which query-api reads from
set -euo pipefail
cd "$(dirname "$0")"

echo "-> building (tests skipped; ./mvnw verify runs them)"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true package

exec java -cp "local-stack/target/classes:$(cat local-stack/target/classpath.txt)" \
  com.translation.pipeline.local.LocalStack "$@"
