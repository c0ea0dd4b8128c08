#!/usr/bin/env bash
# The compose broker's command (docker-compose.yml, service kafka): the image's own start
# (/etc/kafka/docker/run: properties from KAFKA_*, storage formatted once, the broker), and beside
# it the SCRAM-SHA-512 users of the bus (issue 16): custos-<name> for every secret
# /run/secrets/kafka-password-<name>, made or given the file's password (so a new password in
# deploy/docker/secrets/ takes effect on the next start), through the loopback listener once
# the broker answers. The healthcheck waits for /tmp/custos-kafka-users.
set -euo pipefail
rm -f /tmp/custos-kafka-users
(
  set -euo pipefail
  bootstrap=127.0.0.1:9094
  until /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "$bootstrap" > /dev/null 2>&1; do sleep 2; done
  for file in /run/secrets/kafka-password-*; do
    user="custos-${file##*/kafka-password-}"
    /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$bootstrap" --alter --entity-type users --entity-name "$user" \
      --add-config "SCRAM-SHA-512=[iterations=8192,password=$(cat "$file")]" > /dev/null
    echo "custos: SCRAM user $user ready"
  done
  touch /tmp/custos-kafka-users
) &
exec /etc/kafka/docker/run
