#!/usr/bin/env bash
# Stops the Ceph daemons of s3-up.sh (gateway, then OSD, then monitor). Idempotent.
# env: D (state dir, default .custos/s3); PURGE=1 also removes the state dir.
set -u
D=${D:-.custos/s3}
for n in client.rgw.a osd.0 mon.a; do
  p=$(cat "$D/run/$n.pid" 2>/dev/null) || continue
  kill "$p" 2>/dev/null || continue
  for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
done
[ "${PURGE:-0}" = 1 ] && rm -rf "$D"
echo "s3 stopped"
