import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateNoteKeys } from '@custos/ledger-core';
import { embeddedSecret } from '@custos/platform';

/**
 * The checkpoint signer key: LEDGER_SIGNER_KEY when set; else, in the embedded mode only, a key
 * generated once and kept (0600), so checkpoints stay verifiable across restarts. Its verifier
 * key is written beside it for `custos-verify --public-key`.
 */
export function ledgerSignerKeyOf(settings: { LEDGER_SIGNER_KEY: string; EMBEDDED_MODE: boolean; LEDGER_KEYS_DIR: string }): string {
  if (settings.LEDGER_SIGNER_KEY.trim() !== '') return settings.LEDGER_SIGNER_KEY.trim();
  const dir = resolve(settings.LEDGER_KEYS_DIR);
  let verifierKey = '';
  return embeddedSecret({
    embedded: settings.EMBEDDED_MODE,
    requiredMessage: 'LEDGER_SIGNER_KEY is required when EMBEDDED_MODE=false',
    file: join(dir, 'ledger-signer.key'),
    generate: () => {
      const keys = generateNoteKeys('custos-ledger-embedded');
      verifierKey = keys.verifierKey;
      return keys.signerKey;
    },
    created: () => writeFileSync(join(dir, 'ledger-verifier.key'), `${verifierKey}\n`),
  });
}
