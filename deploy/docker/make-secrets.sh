#!/usr/bin/env bash
# Writes the compose secrets of docker-compose.yml as files in deploy/docker/secrets/ (git
# ignores the folder), random where they are passwords, keys where they are keys. Existing
# files are kept: run it again after adding a secret, and only the new one is written.
# Needs: openssl, node and this checkout's node_modules (the ledger's note key is made by
# libs/ledger-core). CUSTOS_SECRETS_DIR writes them elsewhere (the tests do).
set -euo pipefail
cd "$(dirname "$0")/../.."
S=${CUSTOS_SECRETS_DIR:-deploy/docker/secrets}
mkdir -p "$S"
chmod 700 "$S"
# Readable by the containers' users (compose mounts the files as they are); the folder is not.
umask 022

write() { # name, command printing the value
  [ -s "$S/$1" ] && return 0
  "${@:2}" > "$S/$1.tmp" && mv "$S/$1.tmp" "$S/$1"
  echo "wrote $S/$1"
}
random() { openssl rand -hex "${1:-24}"; }
# The service's own URL is its runtime role's; the owner's is only for its migration job.
database_url() { printf 'postgres://custos_%s:%s@postgres:5432/custos_%s' "$1" "$(cat "$S/db-password-$1")" "$1"; }
database_owner_url() { printf 'postgres://custos_owner:%s@postgres:5432/custos_%s' "$(cat "$S/db-owner-password")" "$1"; }

write postgres-password random
write db-owner-password random
write keycloak-db-password random
write keycloak-admin-password random
write demo-password random 8
for s in registry requests approvals custody storage ledger oversight; do
  write "db-password-$s" random
  write "database-url-$s" database_url "$s"
  write "database-owner-url-$s" database_owner_url "$s"
  write "oidc-secret-$s" random
done
write s3-access-key random 10
write s3-secret-key random
write approvals-key-encryption-secret random 32
write custody-link-secret random 32
write export-signing-key openssl genpkey -algorithm ed25519
write ledger-signer-key node -r @swc-node/register -e \
  "process.stdout.write(require('./libs/ledger-core/src').generateNoteKeys('custos-ledger').signerKey)"
# The bus (issue 16): a CA of this installation (its key is thrown away once it signed: no one
# can mint another broker certificate), the broker's certificate for `kafka` in a PKCS12 key
# store as the Kafka image takes it, and one SCRAM password per user. CA and key store are made
# together, so they always match.
write kafka-keystore-password random
if [ ! -s "$S/kafka-keystore" ] || [ ! -s "$S/kafka-ca" ]; then
  work=$(mktemp -d)
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" \
    -days 3650 -subj '/CN=Custos Kafka CA' 2> /dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/broker.key" -out "$work/broker.csr" \
    -subj '/CN=kafka' 2> /dev/null
  printf 'subjectAltName=DNS:kafka,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$work/san.ext"
  openssl x509 -req -in "$work/broker.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -set_serial "0x$(random 16)" \
    -days 825 -extfile "$work/san.ext" -out "$work/broker.pem" 2> /dev/null
  openssl pkcs12 -export -name kafka -inkey "$work/broker.key" -in "$work/broker.pem" -certfile "$work/ca.pem" \
    -passout "file:$S/kafka-keystore-password" -out "$S/kafka-keystore"
  cp "$work/ca.pem" "$S/kafka-ca"
  rm -rf "$work"
  echo "wrote $S/kafka-ca and $S/kafka-keystore"
fi
for u in topics registry requests approvals custody storage ledger oversight; do
  write "kafka-password-$u" random
done
# Signed events (issue 16): one Ed25519 key per service (PKCS8 PEM, what EVENT_SIGNING_KEY
# reads). From them, rewritten each run since they are public: `event-trusted-keys`, the
# registry's key as `service:kid:publicKey`, every reader's bootstrap pin (EVENT_TRUSTED_KEYS;
# the others' keys reach them from the registry once the operator registered them), and
# `event-trusted-keys-all`, every service's, for oversight (it reads every topic but calls no
# service) and for register-event-keys.sh.
for s in registry requests approvals custody storage ledger oversight; do
  write "event-signing-key-$s" openssl genpkey -algorithm ed25519
done
CUSTOS_SECRETS_DIR="$S" node -r @swc-node/register -e "
const fs = require('fs');
const { SERVICES } = require('./libs/contracts/src/envelope');
const { EnvelopeSigner } = require('./libs/eventstore/src/signing/envelope-signing');
const dir = process.env.CUSTOS_SECRETS_DIR;
const entries = SERVICES.map((s) => EnvelopeSigner.fromSetting(s, fs.readFileSync(dir + '/event-signing-key-' + s, 'utf8')).trustedKeyEntry);
fs.writeFileSync(dir + '/event-trusted-keys', entries.find((e) => e.startsWith('registry:')));
fs.writeFileSync(dir + '/event-trusted-keys-all', entries.join(','));
"
echo "services' event keys: register them as an OPERATOR before the services publish (deploy/docker/register-event-keys.sh)"
{ tr ',' '\n' < "$S/event-trusted-keys-all"; echo; } | sed 's/^/  /'
echo "demo users' password: $(cat "$S/demo-password")"
