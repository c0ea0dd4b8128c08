import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { join, resolve } from 'node:path';
import { embeddedSecret } from '@custos/platform';

export interface ExportSigningKeySettings {
  readonly EXPORT_SIGNING_KEY: string;
  readonly EMBEDDED_MODE: boolean;
  readonly LOCAL_STORE_DIR: string;
}

/** Where the embedded mode keeps its generated key: beside the local store, in `keys/`. */
export function embeddedExportKeyFile(localStoreDir: string): string {
  return join(resolve(localStoreDir), '..', 'keys', 'export-signing-key.pem');
}

/**
 * The Ed25519 private key that signs export manifests (R18.5). EXPORT_SIGNING_KEY (PEM) when
 * set; else, in the embedded mode only, a key generated once and kept (0600) under
 * LOCAL_STORE_DIR/../keys, so exports stay verifiable across restarts. Outside the embedded
 * mode a missing key refuses to start: a key made up at each start would sign packages nobody
 * can check against a published key.
 */
export function exportSigningKeyOf(settings: ExportSigningKeySettings): KeyObject {
  const pem = settings.EXPORT_SIGNING_KEY.replace(/\\n/g, '\n').trim();
  if (pem !== '') return ed25519PrivateKey(pem, 'EXPORT_SIGNING_KEY');
  const file = embeddedExportKeyFile(settings.LOCAL_STORE_DIR);
  return embeddedSecret({
    embedded: settings.EMBEDDED_MODE,
    requiredMessage:
      'EXPORT_SIGNING_KEY is required when EMBEDDED_MODE=false: set it to the PEM of the Ed25519 private key that signs export manifests (R18.5), e.g. from `openssl genpkey -algorithm ed25519`',
    file,
    generate: () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    parse: (text) => ed25519PrivateKey(text, file),
  });
}

function ed25519PrivateKey(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error(`${source} is not a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${source} must be an Ed25519 private key, not ${key.asymmetricKeyType}`);
  }
  return key;
}
