import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateNoteKeys } from '@custos/ledger-core';

/**
 * The checkpoint signer key: LEDGER_SIGNER_KEY when set; else, in the embedded mode only, a key
 * generated once and kept (0600), so checkpoints stay verifiable across restarts. Its verifier
 * key is written beside it for `custos-verify --public-key`.
 */
export function ledgerSignerKeyOf(settings: { LEDGER_SIGNER_KEY: string; EMBEDDED_MODE: boolean; LEDGER_KEYS_DIR: string }): string {
  if (settings.LEDGER_SIGNER_KEY.trim() !== '') return settings.LEDGER_SIGNER_KEY.trim();
  if (!settings.EMBEDDED_MODE) throw new Error('LEDGER_SIGNER_KEY is required when EMBEDDED_MODE=false');
  const dir = resolve(settings.LEDGER_KEYS_DIR);
  const file = join(dir, 'ledger-signer.key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Only the keys folder is private: embedded Postgres (another user) must still traverse its parents.
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { signerKey, verifierKey } = generateNoteKeys('custos-ledger-embedded');
  try {
    writeFileSync(file, signerKey, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    writeFileSync(join(dir, 'ledger-verifier.key'), `${verifierKey}\n`);
    return signerKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  }
}
