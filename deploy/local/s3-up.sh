#!/usr/bin/env bash
# A single-node Ceph (1 monitor, 1 OSD, 1 RADOS Gateway) on loopback: a real S3 server with
# versioning and Object Lock. No mgr, no cephx: it is reachable from 127.0.0.1 only.
# Idempotent: when the gateway of $D is already up, it only prints the endpoint.
# env: D (state dir, default .custos/s3), RGW_PORT (7480), MON_PORT (40000),
#      S3_ACCESS_KEY / S3_SECRET_KEY (random when unset), STORE (bluestore|memstore)
# Prints: S3_ENDPOINT=... S3_ACCESS_KEY=... S3_SECRET_KEY=...
set -euo pipefail
D=$(mkdir -p "${D:-.custos/s3}" && cd "${D:-.custos/s3}" && pwd)
RGW_PORT=${RGW_PORT:-7480}
MON_PORT=${MON_PORT:-40000}
STORE=${STORE:-bluestore}
CONF=$D/ceph.conf

print_endpoint() {
  # shellcheck disable=SC1091
  . "$D/credentials"
  echo "S3_ENDPOINT=http://127.0.0.1:$RGW_PORT S3_ACCESS_KEY=$S3_ACCESS_KEY S3_SECRET_KEY=$S3_SECRET_KEY"
}

if [ -f "$D/run/client.rgw.a.pid" ] && kill -0 "$(cat "$D/run/client.rgw.a.pid")" 2>/dev/null; then
  RGW_PORT=$(cat "$D/rgw_port")
  print_endpoint
  exit 0
fi
rm -rf "$D"/{run,log,mon.a,osd.0,rgw.a,osd.0.block}
mkdir -p "$D"/{run,log,mon.a,osd.0,rgw.a}
echo "$RGW_PORT" > "$D/rgw_port"
FSID=$(uuidgen)
MON_ADDR="[v2:127.0.0.1:$MON_PORT,v1:127.0.0.1:$((MON_PORT + 1))]"
# shellcheck source=deploy/local/ceph-single-node.sh
. "$(dirname "${BASH_SOURCE[0]}")/ceph-single-node.sh"
{
ceph_global_conf
cat <<CONF
[mon]
mon data = $D/mon.\$id
mon data avail warn = 1
mon data avail crit = 1
[osd]
osd data = $D/osd.\$id
osd objectstore = $STORE
memstore device bytes = 4294967296
# the block file must live outside the OSD data directory
bluestore block path = $D/osd.\$id.block
bluestore block create = true
bluestore block size = 21474836480
bluestore fsck on mount = false
osd memory target = 1073741824
[client.rgw.a]
rgw data = $D/rgw.a
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw dns name = localhost
CONF
} > "$CONF"

ceph_mon_create
C="ceph -c $CONF --connect-timeout 30"
OSD_UUID=$(uuidgen)
OSD_ID=$($C osd new "$OSD_UUID")
ceph-osd -c "$CONF" -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" >"$D/log/osd-mkfs.out" 2>&1
ceph-osd -c "$CONF" -i "$OSD_ID"
for _ in $(seq 1 240); do
  $C osd stat 2>/dev/null | grep -q '1 up' && break
  sleep 0.5
done
radosgw -c "$CONF" -n client.rgw.a
for _ in $(seq 1 240); do
  curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/" && break
  sleep 0.5
done
S3_ACCESS_KEY=${S3_ACCESS_KEY:-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F)}
S3_SECRET_KEY=${S3_SECRET_KEY:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
radosgw-admin -c "$CONF" user create --uid=custos --display-name=custos \
  --access-key="$S3_ACCESS_KEY" --secret="$S3_SECRET_KEY" >"$D/log/user.json"
printf 'S3_ACCESS_KEY=%s\nS3_SECRET_KEY=%s\n' "$S3_ACCESS_KEY" "$S3_SECRET_KEY" > "$D/credentials"
chmod 600 "$D/credentials"
print_endpoint
