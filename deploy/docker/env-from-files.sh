#!/bin/sh
# The images' entrypoint. For every variable NAME_FILE=/run/secrets/<file> (a compose secret),
# NAME is set to the file's content and NAME_FILE removed; then the command runs in place of
# this shell (exec), so signals reach node. Secrets never sit in the compose file, in
# `docker inspect`'s environment, or in the image. Only paths under /run/secrets count: other
# *_FILE variables (SSL_CERT_FILE, …) mean what they always meant.
set -eu
for name in $(env | sed -n 's/^\([A-Z][A-Z0-9_]*\)_FILE=\/run\/secrets\/.*/\1/p'); do
  file=$(printenv "${name}_FILE")
  if [ ! -r "$file" ]; then
    echo "env-from-files: ${name}_FILE names $file, which cannot be read" >&2
    exit 1
  fi
  value=$(cat "$file")
  export "$name=$value"
  unset "${name}_FILE"
done
exec "$@"
