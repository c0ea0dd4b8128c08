import { CommonConfig, embeddedDatabaseUrl } from '@custos/platform';

/** The approvals service's settings: the common ones, with its own port and database. */
export class ApprovalsConfig extends CommonConfig {
  override PORT = 3003;
  override DATABASE_URL = embeddedDatabaseUrl('approvals');
}
