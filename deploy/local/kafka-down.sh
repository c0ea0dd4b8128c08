#!/usr/bin/env bash
# Stops the mock Kafka cluster of kafka-up.sh. Idempotent.
D=${D:-.custos/kafka}
for f in kcat.pid holder.pid; do
  p=$(cat "$D/$f" 2>/dev/null) && kill "$p" 2>/dev/null
  rm -f "$D/$f"
done
echo "kafka stopped"
