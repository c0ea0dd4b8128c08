import { CommonConfig, embeddedDatabaseUrl, isRandomSecret, Setting } from '@custos/platform';
import { IsString, IsUrl, MinLength, ValidateBy } from 'class-validator';

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

/** The approvals service's settings: the common ones, with its own port and database. */
export class ApprovalsConfig extends CommonConfig {
  override PORT = 3003;
  override DATABASE_URL = embeddedDatabaseUrl('approvals');

  @Setting({ description: "Base URL of the registry service's API (organisations and their heads)" })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  REGISTRY_URL: string = 'http://127.0.0.1:3001';


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
