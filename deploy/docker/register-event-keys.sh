#!/usr/bin/env bash
# Registers each service's event-signing public key in the registry (issue 16): `POST
# /event-keys {service, publicKey}` for every entry of the `event-trusted-keys-all` file that
# make-secrets.sh wrote, as the platform operator. Run it once the registry answers and before
# the other services publish (or wait a minute after it: they refresh the key list every
# minute); until then their readers refuse the services' events as signed by an unknown key.
# A key already registered answers 409 and counts as done, so it can run again after a
# rotation. Not a compose job on purpose: the registry accepts keys only from a person with the
# OPERATOR role, never from a standing credential that a service or a job could leak.
#   CUSTOS_REGISTRY_URL  the registry (e.g. https://custos.localhost/api/registry, or
#                        http://registry:3001 from inside)
#   CUSTOS_OPERATOR_TOKEN an access token of a person with the role OPERATOR
set -euo pipefail
cd "$(dirname "$0")/../.."
S=${CUSTOS_SECRETS_DIR:-deploy/docker/secrets}
: "${CUSTOS_REGISTRY_URL:?the registry's URL}" "${CUSTOS_OPERATOR_TOKEN:?an OPERATOR's access token}"
KEYS_FILE="$S/event-trusted-keys-all" node -e "
const fs = require('fs');
(async () => {
  for (const entry of fs.readFileSync(process.env.KEYS_FILE, 'utf8').split(/[\s,]+/).filter(Boolean)) {
    const [service, kid, publicKey] = entry.split(':');
    const answer = await fetch(process.env.CUSTOS_REGISTRY_URL.replace(/\/$/, '') + '/v1/event-keys', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + process.env.CUSTOS_OPERATOR_TOKEN, 'content-type': 'application/json' },
      body: JSON.stringify({ service, publicKey }),
    });
    const text = await answer.text();
    if (answer.status === 201) console.log('registered ' + kid);
    else if (answer.status === 409) console.log('already registered ' + kid);
    else throw new Error('POST /event-keys for ' + service + ': ' + answer.status + ' ' + text);
  }
})().catch((error) => { console.error(error.message); process.exit(1); });
"
