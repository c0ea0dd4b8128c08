import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface EmbeddedSecretOptions<T> {
  /** The embedded mode (EMBEDDED_MODE): the only mode in which a secret may be made up here. */
  readonly embedded: boolean;
  /** Why the service refuses to start outside the embedded mode, naming the setting to give. */
  readonly requiredMessage: string;
  /** Where the secret is kept; its folder (the keys folder) is created private (0700). */
  readonly file: string;
  /** A new secret, as the text to keep in `file`. */
  readonly generate: () => string;
  /** The secret from the kept text (default: the text trimmed). */
  readonly parse?: (text: string) => T;
  /** Runs once, after this call kept a new secret (e.g. to publish its public half beside it). */
  readonly created?: (text: string) => void;
}

/**
 * A secret the embedded mode generates once and keeps, so that what it signs stays valid across
 * restarts: the one in `file` when there is one; else a new one, written 0600 in a 0700 folder.
 * Outside the embedded mode it refuses to start (`requiredMessage`): a secret made up at each
 * start, or by each replica, would sign what nobody else can check. Concurrent first starts keep
 * (and use) whichever secret was written first.
 */
export function embeddedSecret<T = string>(options: EmbeddedSecretOptions<T>): T {
  if (!options.embedded) throw new Error(options.requiredMessage);
  const parse = options.parse ?? ((text: string) => text.trim() as T);
  const file = resolve(options.file);
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Only the keys folder is private: embedded Postgres (another user) must still traverse its parents.
  mkdirSync(dirname(dirname(file)), { recursive: true });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const text = options.generate();
  try {
    // 'wx': if another process made the secret meanwhile, keep (and use) theirs.
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parse(readFileSync(file, 'utf8'));
  }
  chmodSync(file, 0o600);
  options.created?.(text);
  return parse(text);
}
