import type { ClaimNames } from './session';
import { takeBoot } from './boot';

/**
 * What the gateway serves as /console-config.json. `mode: 'embedded'` signs in through the
 * development issuer; `mode: 'oidc'` through any OpenID provider (authorization code + PKCE).
 */
export interface ConsoleConfig {
  readonly mode: 'embedded' | 'oidc';
  readonly issuer?: string;
  readonly clientId?: string;
  readonly scope?: string;
  readonly timeZone?: string;
  /** Where the provider's tokens carry roles, organisation, person and credential (oidc). */
  readonly claims?: ClaimNames;
}

let loaded: Promise<ConsoleConfig> | undefined;

export function loadConfig(): Promise<ConsoleConfig> {
  loaded ??= takeBoot<ConsoleConfig>('config').then(
    (early) =>
      early ??
      fetch('/console-config.json').then((r) => {
        if (!r.ok) throw new Error(`console-config.json: HTTP ${r.status}`);
        return r.json() as Promise<ConsoleConfig>;
      }),
  );
  return loaded;
}
