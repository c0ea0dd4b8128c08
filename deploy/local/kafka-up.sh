#!/usr/bin/env bash
# librdkafka's mock Kafka cluster (3 brokers) hosted by kcat, for local development.
# Idempotent. env: D (state dir, default .custos/kafka). Prints: KAFKA_BROKERS=...
set -euo pipefail
D=$(mkdir -p "${D:-.custos/kafka}" && cd "${D:-.custos/kafka}" && pwd)
if [ -f "$D/kcat.pid" ] && kill -0 "$(cat "$D/kcat.pid")" 2>/dev/null; then
  grep -o 'bootstrap.servers=[^ ]*' "$D/kcat.err" | head -1 | sed 's/bootstrap.servers=/KAFKA_BROKERS=/'
  exit 0
fi
rm -f "$D/k.fifo" && mkfifo "$D/k.fifo"
# kcat keeps the mock cluster alive while its stdin is open; `sleep` holds the fifo open.
nohup kcat -b localhost:1 -P -t custos.warmup -X test.mock.num.brokers=3 -d mock <"$D/k.fifo" 2>"$D/kcat.err" >/dev/null &
echo $! > "$D/kcat.pid"
nohup sleep infinity >"$D/k.fifo" 2>/dev/null &
echo $! > "$D/holder.pid"
for _ in $(seq 1 100); do grep -q 'bootstrap.servers=' "$D/kcat.err" && break; sleep 0.1; done
grep -o 'bootstrap.servers=[^ ]*' "$D/kcat.err" | head -1 | sed 's/bootstrap.servers=/KAFKA_BROKERS=/'
