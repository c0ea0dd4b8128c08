#!/usr/bin/env bash
# The compose `s3` service: a single-node Ceph (1 monitor, 1 OSD, 1 RADOS Gateway) in one
# container, its state on the s3-data volume. Unlike deploy/local/s3-up.sh (the tests' throwaway
# store) it keeps its data: the first start creates the cluster and the `custos` S3 user,
# later starts only start the daemons. Monitor and OSD listen on the container's loopback
# (no cephx between them: nothing outside this container can reach them); only the gateway,
# port 7480, is on the compose network.
# env: S3_ACCESS_KEY_FILE, S3_SECRET_KEY_FILE (compose secrets); CUSTOS_S3_DIR and
# CEPH_SINGLE_NODE (where the state and deploy/local/ceph-single-node.sh are) to run it outside compose
set -euo pipefail
D=${CUSTOS_S3_DIR:-/var/lib/custos-s3}
CONF=$D/ceph.conf
MON_ADDR='[v2:127.0.0.1:3300,v1:127.0.0.1:6789]'
mkdir -p "$D"/{run,log}
rm -f "$D"/run/*.pid "$D"/run/*.asok

if [ ! -f "$D/created" ]; then
  rm -rf "$D"/{mon.a,osd.0,rgw.a,osd.0.block}
  mkdir -p "$D"/{mon.a,osd.0,rgw.a}
  FSID=$(uuidgen)
  # shellcheck source=deploy/local/ceph-single-node.sh
  . "${CEPH_SINGLE_NODE:-/custos/ceph-single-node.sh}"
  {
    ceph_global_conf
    cat <<CONF
[mon]
mon data = $D/mon.\$id
[osd]
osd data = $D/osd.\$id
osd objectstore = bluestore
bluestore block path = $D/osd.\$id.block
bluestore block create = true
bluestore block size = ${S3_BLOCK_BYTES:-107374182400}
[client.rgw.a]
rgw data = $D/rgw.a
rgw frontends = beast endpoint=0.0.0.0:7480
CONF
  } > "$CONF"
  ceph_mon_create
  OSD_UUID=$(uuidgen)
  OSD_ID=$(ceph -c "$CONF" osd new "$OSD_UUID")
  ceph-osd -c "$CONF" -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" >"$D/log/osd-mkfs.out" 2>&1
else
  ceph-mon -c "$CONF" -i a
fi
ceph-osd -c "$CONF" -i 0
until ceph -c "$CONF" --connect-timeout 10 osd stat 2>/dev/null | grep -q '1 up'; do sleep 1; done
if [ ! -f "$D/created" ]; then
  radosgw-admin -c "$CONF" user create --uid=custos --display-name=custos \
    --access-key="$(cat "$S3_ACCESS_KEY_FILE")" --secret="$(cat "$S3_SECRET_KEY_FILE")" >"$D/log/user.json"
  touch "$D/created"
fi
# The gateway in the foreground: the container lives as long as it does.
exec radosgw -c "$CONF" -n client.rgw.a -f
