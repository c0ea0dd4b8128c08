#!/usr/bin/env bash
# Installs the Debian packages behind the real test servers: kcat (librdkafka's mock Kafka
# cluster) and Ceph RADOS Gateway (S3 with Object Lock); and ffmpeg, with which storage cuts a
# segment straddling an approved window's bound (R3.1); Chromium and CJK fonts, in which the
# console's end-to-end tests run and approval documents are printed to PDF; Go with its sumdb
# packages, the independent verifier of the ledger's tiles. Idempotent; needs root or sudo.
set -euo pipefail
packages=(kcat radosgw ceph-mon ceph-osd ceph-common uuid-runtime curl ffmpeg chromium fonts-noto-cjk
  golang-go golang-golang-x-mod-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deploy/local/install.sh: all packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "deploy/local/install.sh: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deploy/local/install.sh: done"
