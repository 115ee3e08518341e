#!/usr/bin/env bash
# Exercises ./run-local.sh as a user would: three workers, a batch in through 8080, a flush, the
# session out through 8081, every worker holding partitions, then SIGTERM and nothing left behind;
# then --brokers 3, where the README's tour must pass with a broker killed.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
stack_processes='com.translation.pipeline.local.LocalStack|kafka.Kafka .*/.local/kafka|-jar .*(ingest-api|query-api|writer-worker)-0.1.0-SNAPSHOT.jar|mariadbd.*\.local/mariadb'
cleanup() { kill -TERM "$launcher" 2>/dev/null || true; }

# start_stack <label> <args...>: ./run-local.sh --reset <args> in the background, until its banner.
start_stack() {
  local label=$1; shift
  ./run-local.sh --reset "$@" >"$log" 2>&1 &
  launcher=$!
  trap cleanup EXIT
  for _ in $(seq 1 150); do
    grep -q 'Ctrl-C stops everything' "$log" && return 0
    if ! kill -0 "$launcher" 2>/dev/null; then cat "$log"; echo "smoke: $label: the local run exited early"; exit 1; fi
    sleep 2
  done
  cat "$log"; echo "smoke: $label: not all services UP in time"; exit 1
}

# stop_stack <label>: SIGTERM to the launcher, then no process of the stack may be left.
stop_stack() {
  kill -TERM "$launcher"
  wait "$launcher" || true
  trap - EXIT
  sleep 2
  if pgrep -f "$stack_processes" >/dev/null; then
    pgrep -fl "$stack_processes"; echo "smoke: $1: processes left behind"; exit 1
  fi
}

start_stack "three workers" --workers 3
echo "smoke: all services UP"

# Each answer is captured before it is checked: `curl | grep -q` fails under pipefail when grep
# stops reading early.
expect() { # expect <what> <text> <pattern>
  if ! grep -q -- "$3" <<<"$2"; then echo "smoke: $1 failed: $2"; exit 1; fi
}
answer=$(curl -s -X POST http://localhost:8080/api/v1/translation/sessions/batch \
  -H 'X-API-Key: dev-write-key' -H 'Content-Type: application/json' \
  -d '{"sessions":[{"session_id":"smoke-1","status":"running","created_at":"2026-01-01T10:00:00Z","updated_at":"2026-01-01T10:00:00Z"}]}')
expect "ingest" "$answer" '"accepted":1'
answer=$(curl -s -X POST http://localhost:8080/api/v1/translation/flush \
  -H 'X-API-Key: dev-write-key' -H 'Content-Type: application/json' -d '{"timeout_ms": 30000}')
expect "flush" "$answer" '"status":"flushed"'
answer=$(curl -s http://localhost:8081/api/v1/translation/sessions/smoke-1 -H 'X-API-Key: dev-read-key')
expect "query" "$answer" '"session_id":"smoke-1"'
echo "smoke: a batch posted to 8080 is readable from 8081 after a flush"

# A rebalance may still be settling right after start: give each worker 30 s to hold partitions.
for port in 8082 8083 8084; do
  for _ in $(seq 1 30); do
    metrics=$(curl -s "http://localhost:$port/actuator/prometheus")
    assigned=$(awk '/^kafka_consumer_coordinator_assigned_partitions/ {sum += $NF} END {print sum + 0}' <<<"$metrics")
    [ "${assigned%.*}" -gt 0 ] && break
    sleep 1
  done
  [ "${assigned%.*}" -gt 0 ] || { echo "smoke: worker on $port holds no partition"; exit 1; }
done
echo "smoke: three workers in the group, each holding partitions"

# The Python client's tests and docs/migration.md's examples, as a caller of the Python service that this
# product replaces runs them (Debian's python3; skipped with one line where there is none).
python=$(command -v /usr/bin/python3 || command -v python3 || true)
if [ -n "$python" ]; then
  kafka_pid=$(pgrep -f 'kafka.Kafka .*/.local/kafka' | head -1 || true)
  [ -n "$kafka_pid" ] || { echo "smoke: the broker's process was not found"; exit 1; }
  TP_INGEST_URL=http://localhost:8080 TP_QUERY_URL=http://localhost:8081 TP_KAFKA_PID="$kafka_pid" \
    "$python" -m unittest discover -s clients/python/tests -v
  "$python" .ci/doc-examples.py docs/migration.md
  echo "smoke: the Python client's tests and docs/migration.md's examples pass against the local run"
else
  echo "smoke: python3 missing; the Python client's tests and docs/migration.md's examples are skipped"
fi

stop_stack "three workers"
echo "smoke: SIGTERM left no process of the stack behind"

# The same with a cluster of three brokers: the README's tour, as written, after the first broker (the first
# address every service was given) is killed.
start_stack "three brokers" --brokers 3
described=$(ops/kafka-tool.sh topics --bootstrap-server 127.0.0.1:9094 --describe --topic translation.sessions.v1 2>&1)
expect "three replicas" "$described" 'ReplicationFactor: 3.*min.insync.replicas=2'
node1=$(pgrep -f 'kafka.Kafka .*/.local/kafka-cluster/node-1/' | head -1 || true)
[ -n "$node1" ] || { echo "smoke: broker 1's process was not found"; exit 1; }
kill -KILL "$node1"
# The controller fences the dead broker after broker.session.timeout.ms (6 s) and moves its leaders.
for _ in $(seq 1 60); do
  described=$(ops/kafka-tool.sh topics --bootstrap-server 127.0.0.1:9094,127.0.0.1:9096 --describe --topic translation.sessions.v1 2>/dev/null || true)
  grep -q 'Leader: [23]' <<<"$described" && ! grep -Eq 'Leader: (1|none|-1)' <<<"$described" && break
  sleep 1
done
tour=$(awk '/^### A 5-minute tour/ {t=1} t && /^```bash$/ {b=1; next} b && /^```$/ {exit} b' README.md)
[ -n "$tour" ] || { echo "smoke: the README's tour was not found"; exit 1; }
answer=$(bash -c "$tour" 2>&1)
expect "tour: session" "$answer" '"accepted":1,"rejected":0'
expect "tour: tasks" "$answer" '"accepted":2,"rejected":0'
expect "tour: invalid task" "$answer" '"reason":"INVALID_VALUE"'
expect "tour: flush" "$answer" '"status":"flushed"'
expect "tour: list" "$answer" '"session_id":"tour-1"'
expect "tour: delete" "$answer" '"status":404'
echo "smoke: three brokers: the README's tour passes with broker 1 killed"
expect "broker exit reported" "$(cat "$log")" '!! Kafka node 1 has exited'
echo "smoke: three brokers: the launcher reported broker 1's exit"
stop_stack "three brokers"

# A port already in use is reported by name, before anything starts.
launcher_cmd=(java -cp "local-stack/target/classes:$(cat local-stack/target/classpath.txt)" com.translation.pipeline.local.LocalStack)
python3 -m http.server 8081 >/dev/null 2>&1 &
holder=$!
sleep 1
set +e
refused=$("${launcher_cmd[@]}" 2>&1); refused_status=$?
kill "$holder"
bad_workers=$("${launcher_cmd[@]}" --workers 9 2>&1); bad_workers_status=$?
bad_brokers=$("${launcher_cmd[@]}" --brokers 2 2>&1); bad_brokers_status=$?
set -e
[ "$refused_status" -eq 1 ] && grep -q 'Port 8081 (query-api) is already in use' <<<"$refused" \
  || { echo "smoke: a taken port was not reported: $refused"; exit 1; }
[ "$bad_workers_status" -eq 2 ] && grep -q -- '--workers takes 1 to 6' <<<"$bad_workers" \
  || { echo "smoke: --workers 9 was not refused: $bad_workers"; exit 1; }
[ "$bad_brokers_status" -eq 2 ] && grep -q -- '--brokers takes 1 or 3' <<<"$bad_brokers" \
  || { echo "smoke: --brokers 2 was not refused: $bad_brokers"; exit 1; }
echo "smoke: a taken port is reported by name; --workers and --brokers out of range are refused"
rm -f "$log"
