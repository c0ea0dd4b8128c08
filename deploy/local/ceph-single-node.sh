# shellcheck shell=bash
# Sourced by deploy/local/s3-up.sh (the tests' throwaway store) and deploy/docker/s3/ceph-rgw.sh
# (compose's persistent one): the [global] section of a one-node Ceph on loopback without cephx,
# and the creation of its monitor. Need D, FSID and MON_ADDR (and CONF) set.

ceph_global_conf() {
  cat <<CONF
[global]
fsid = $FSID
mon host = $MON_ADDR
public addr = 127.0.0.1
cluster addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = false
# without crc mode radosgw loops on get_initial_auth_request returned -13
ms mon client mode = crc secure
run dir = $D/run
admin socket = $D/run/\$name.asok
pid file = $D/run/\$name.pid
log file = $D/log/\$name.log
mon cluster log file = $D/log/cluster.log
keyring = $D/keyring
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
rgw rados pool pg num min = 8
CONF
}

# Creates the keyring and monitor map and starts monitor `a`.
ceph_mon_create() {
  ceph-authtool --create-keyring "$D/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool "$D/keyring" --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' >/dev/null
  monmaptool --create --fsid "$FSID" --addv a "$MON_ADDR" --enable-all-features --clobber "$D/monmap" >/dev/null
  ceph-mon -c "$CONF" -i a --mkfs --monmap "$D/monmap" --keyring "$D/keyring"
  ceph-mon -c "$CONF" -i a
}
