import type { ConsoleClientConfig } from './gateway';

/**
 * The gateway's settings from the environment (the same names in `npm start`, compose and
 * Kubernetes): CONSOLE_PORT (3000), CONSOLE_HOST, CONSOLE_AUTH_MODE (embedded | oidc),
 * CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_CLIENT_ID, CONSOLE_OIDC_SCOPE, CONSOLE_TIME_ZONE; and the
 * services' claim mapping (CUSTOS_AUTH_ROLES_CLAIM, _ORGANISATION_CLAIM, _PERSON_CLAIM,
 * _CREDENTIAL_CLAIM), so the console reads a provider's tokens as the services do.
 */
export interface ConsoleSettings {
  readonly port: number;
  readonly host: string;
  readonly client: ConsoleClientConfig;
}

export function consoleSettings(env: NodeJS.ProcessEnv, defaults: { mode: 'embedded' | 'oidc' }): ConsoleSettings {
  const port = env.CONSOLE_PORT ? Number(env.CONSOLE_PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('CONSOLE_PORT must be a port number');
  const mode = (env.CONSOLE_AUTH_MODE || defaults.mode) as ConsoleClientConfig['mode'];
  if (mode !== 'embedded' && mode !== 'oidc') throw new Error('CONSOLE_AUTH_MODE must be embedded or oidc');
  if (mode === 'oidc' && !(env.CONSOLE_OIDC_ISSUER && env.CONSOLE_OIDC_CLIENT_ID)) {
    throw new Error('CONSOLE_AUTH_MODE=oidc needs CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID');
  }
  return {
    port,
    host: env.CONSOLE_HOST || '127.0.0.1',
    client: {
      mode,
      ...(mode === 'oidc'
        ? {
            issuer: env.CONSOLE_OIDC_ISSUER,
            clientId: env.CONSOLE_OIDC_CLIENT_ID,
            scope: env.CONSOLE_OIDC_SCOPE || 'openid',
            claims: Object.fromEntries(
              Object.entries({
                roles: env.CUSTOS_AUTH_ROLES_CLAIM,
                organisation: env.CUSTOS_AUTH_ORGANISATION_CLAIM,
                person: env.CUSTOS_AUTH_PERSON_CLAIM,
                credential: env.CUSTOS_AUTH_CREDENTIAL_CLAIM,
              }).filter(([, v]) => v),
            ),
          }
        : {}),
      timeZone: env.CONSOLE_TIME_ZONE || 'Asia/Shanghai',
    },
  };
}
