#!/usr/bin/env bash
# Pins every third-party image of the deployments by digest: `name:tag` becomes
# `name:tag@sha256:…` in docker-compose.yml, deploy/docker/Dockerfile (NODE_IMAGE) and the
# Kubernetes Jobs (deploy/k8s). The tag stays for people; the digest is what is pulled, so a
# re-pushed tag cannot change what runs. Needs registry access and one of: crane, skopeo,
# docker buildx. The files in the repository carry exact tags only: they were written on a
# machine without registry access, where no digest could be resolved. Run this, review the
# diff, commit. Already pinned references are re-resolved (for an update, change the tag first).
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=(docker-compose.yml deploy/docker/Dockerfile $(find deploy/k8s -name '*.yaml'))

digest_of() {
  if command -v crane >/dev/null; then crane digest "$1"
  elif command -v skopeo >/dev/null; then skopeo inspect --format '{{.Digest}}' "docker://$1"
  elif docker buildx version >/dev/null 2>&1; then docker buildx imagetools inspect "$1" --format '{{json .Manifest.Digest}}' | tr -d '"'
  else echo "pin-images: needs crane, skopeo or docker buildx" >&2; exit 1
  fi
}

# Third-party references: `image: …` and `NODE_IMAGE=…`, not Custos' own custos/<name> images.
refs=$(grep -hoE '(image: |NODE_IMAGE=)[a-z0-9./_-]+:[A-Za-z0-9._-]+(@sha256:[0-9a-f]{64})?' "${FILES[@]}" |
  sed -E 's/^(image: |NODE_IMAGE=)//; s/@sha256:.*//' | grep -v '^custos/' | sort -u)
for ref in $refs; do
  digest=$(digest_of "$ref")
  [[ $digest == sha256:* ]] || { echo "pin-images: no digest for $ref" >&2; exit 1; }
  echo "$ref@$digest"
  escaped=$(printf '%s' "$ref" | sed 's/[.]/\\./g')
  sed -i -E "s#(image: |NODE_IMAGE=)${escaped}(@sha256:[0-9a-f]{64})?([[:space:]]|\$)#\\1${ref}@${digest}\\3#" "${FILES[@]}"
done
