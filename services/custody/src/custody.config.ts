import { CommonConfig, embeddedDatabaseUrl, Setting } from '@custos/platform';
import { IsInt, IsString, IsUrl, Max, Min } from 'class-validator';

/** The custody service's settings: the common ones, its port and database, and the services it reads. */
export class CustodyConfig extends CommonConfig {
  override PORT = 3004;
  override DATABASE_URL = embeddedDatabaseUrl('custody');

  @Setting({ description: "Base URL of the registry service's API (officers' qualifications, organisations' divisions, R18.2)" })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  REGISTRY_URL: string = 'http://127.0.0.1:3001';

  @Setting({ description: "Base URL of the approvals service's API (organs' approval keys and revoked approvals, R18.5)" })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  APPROVALS_URL: string = 'http://127.0.0.1:3003';

  @Setting({ description: "Base URL of the storage service's API (GET /footage/exports/:id); reserved for custody's own re-hash of packages at the source, not called yet" })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  STORAGE_URL: string = 'http://127.0.0.1:3005';

  @Setting({ description: 'Minutes the second receiving officer has to confirm a hand-over (R18.1)' })
  @IsInt()
  @Min(1)
  @Max(240)
  HAND_OVER_CONFIRM_MINUTES: number = 15;

  @Setting({
    description:
      'Bearer token (role SERVICE) this service presents to the registry and approvals outside the embedded mode; the embedded mode asks the development issuer instead. The hook for OIDC client credentials',
    secret: true,
  })
  @IsString()
  SERVICE_TOKEN: string = '';
}
