#!/usr/bin/env bash
# Kafka's own command-line tools, from the jars ./run-local.sh already built: no Kafka
# distribution needed. Run from the repository root:
#   ops/kafka-tool.sh console-producer --bootstrap-server 127.0.0.1:9092 --topic translation.sessions.v1 ...
#   ops/kafka-tool.sh console-consumer --bootstrap-server 127.0.0.1:9092 --topic translation.dlq.v1 ...
#   ops/kafka-tool.sh consumer-groups  --bootstrap-server 127.0.0.1:9092 --describe --group writer-worker
#   ops/kafka-tool.sh topics           --bootstrap-server 127.0.0.1:9092 --describe --topic translation.sessions.v1
#   ops/kafka-tool.sh configs          --bootstrap-server 127.0.0.1:9092 --describe --entity-type topics --all
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="local-stack/target/classes:$(cat local-stack/target/classpath.txt)"
tool="${1:?usage: ops/kafka-tool.sh console-producer|console-consumer|consumer-groups|topics|configs ARGS...}"
shift
case "$tool" in
  console-producer) main=org.apache.kafka.tools.ConsoleProducer ;;
  console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  consumer-groups) main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
  topics) main=org.apache.kafka.tools.TopicCommand ;;
  configs) main=kafka.admin.ConfigCommand ;;
  *) echo "unknown tool: $tool" >&2; exit 2 ;;
esac
exec java -cp "$classpath" "$main" "$@"
