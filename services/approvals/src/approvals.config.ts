import { CommonConfig, embeddedDatabaseUrl, Setting } from '@custos/platform';
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

/** The approvals service's settings: the common ones, with its own port and database. */
export class ApprovalsConfig extends CommonConfig {
  override PORT = 3003;
  override DATABASE_URL = embeddedDatabaseUrl('approvals');

  @Setting({ description: "Base URL of the registry service's API (organisations and their heads)" })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  REGISTRY_URL: string = 'http://127.0.0.1:3001';


  @Setting({
    description:
      "Secret (at least 16 characters) from which the key wrapping the organs' private document-signing keys is derived (R18.5). The default is a development-only value, refused when EMBEDDED_MODE=false",
    defaultText: '(development-only value, embedded mode only)',
    secret: true,
  })
  @IsString()
  @MinLength(16, { message: 'APPROVALS_KEY_ENCRYPTION_SECRET must have at least 16 characters' })
  @NotTheDevSecretOutsideEmbeddedMode()
  APPROVALS_KEY_ENCRYPTION_SECRET: string = DEV_ONLY_KEY_ENCRYPTION_SECRET;
}
