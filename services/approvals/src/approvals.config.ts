import { isRandomSecret, RegistryCallerConfig, serviceSettings, Setting } from '@custos/platform';
import { IsString, MinLength, ValidateBy } from 'class-validator';

/**
 * DEVELOPMENT ONLY: the key-encryption secret of the embedded mode (`npm start` on a developer
 * machine). It is in the source, so it protects nothing; outside the embedded mode the service
 * refuses to start with it.
 */
export const DEV_ONLY_KEY_ENCRYPTION_SECRET = 'custos-embedded-dev-only-key-encryption-secret';

/** Refuses the development-only secret when EMBEDDED_MODE is false. */
function NotTheDevSecretOutsideEmbeddedMode(): PropertyDecorator {
  return ValidateBy({
    name: 'notTheDevSecretOutsideEmbeddedMode',
    validator: {
      validate: (value, args) => (args?.object as ApprovalsConfig).EMBEDDED_MODE || value !== DEV_ONLY_KEY_ENCRYPTION_SECRET,
      defaultMessage: () =>
        'APPROVALS_KEY_ENCRYPTION_SECRET must be set outside the embedded mode: the development-only default protects nothing',
    },
  });
}

/** Outside the embedded mode, the secret must be at least 32 random bytes, hex or base64 (issue 16). */
function RandomOutsideEmbeddedMode(): PropertyDecorator {
  return ValidateBy({
    name: 'randomOutsideEmbeddedMode',
    validator: {
      validate: (value, args) =>
        (args?.object as ApprovalsConfig).EMBEDDED_MODE || value === DEV_ONLY_KEY_ENCRYPTION_SECRET || isRandomSecret(value),
      defaultMessage: () =>
        'APPROVALS_KEY_ENCRYPTION_SECRET must be at least 32 random bytes, hex or base64 encoded (openssl rand -hex 32), outside the embedded mode',
    },
  });
}

/** The approvals service's settings: a registry caller's, with its own port and database. */
export class ApprovalsConfig extends serviceSettings('approvals', RegistryCallerConfig) {
  @Setting({
    description:
      "Secret from which the key wrapping the organs' private document-signing keys is derived (R18.5): outside the embedded mode at least 32 random bytes, hex or base64 (`openssl rand -hex 32`). The default is a development-only value, refused when EMBEDDED_MODE=false",
    defaultText: '(development-only value, embedded mode only)',
    secret: true,
  })
  @IsString()
  @MinLength(16, { message: 'APPROVALS_KEY_ENCRYPTION_SECRET must have at least 16 characters' })
  @NotTheDevSecretOutsideEmbeddedMode()
  @RandomOutsideEmbeddedMode()
  APPROVALS_KEY_ENCRYPTION_SECRET: string = DEV_ONLY_KEY_ENCRYPTION_SECRET;
}
