import type { DynamicModule } from '@nestjs/common';
import { CommonConfig } from '@custos/platform';
import { AppModule as ApprovalsModule } from '../../services/approvals/src/app.module';
import { ApprovalsConfig } from '../../services/approvals/src/approvals.config';
import { AppModule as CustodyModule } from '../../services/custody/src/app.module';
import { CustodyConfig } from '../../services/custody/src/custody.config';
import { AppModule as LedgerModule } from '../../services/ledger/src/app.module';
import { LedgerConfig } from '../../services/ledger/src/ledger.config';
import { AppModule as RegistryModule } from '../../services/registry/src/app.module';
import { RegistryConfig } from '../../services/registry/src/registry.config';
import { AppModule as RequestsModule } from '../../services/requests/src/app.module';
import { RequestsConfig } from '../../services/requests/src/requests.config';
import { AppModule as StorageModule } from '../../services/storage/src/app.module';
import { StorageConfig } from '../../services/storage/src/storage.config';
import { AppModule as OversightModule } from '../../services/oversight/src/app.module';
import { OversightConfig } from '../../services/oversight/src/oversight.config';

/** One service as the embedded launcher sees it: how to configure it and its root module. */
export interface EmbeddedService<C extends CommonConfig = CommonConfig> {
  readonly name: string;
  readonly configClass: new () => C;
  readonly rootModule: (config: C) => DynamicModule;
}

function service<C extends CommonConfig>(
  name: string,
  configClass: new () => C,
  rootModule: (config: C) => DynamicModule,
): EmbeddedService {
  return { name, configClass, rootModule: rootModule as (config: CommonConfig) => DynamicModule };
}

/** The services, in the order of a request's life (and of their ports), oversight last. */
export const EMBEDDED_SERVICES: readonly EmbeddedService[] = [
  service('registry', RegistryConfig, (c) => RegistryModule.forRoot(c)),
  service('requests', RequestsConfig, (c) => RequestsModule.forRoot(c)),
  service('approvals', ApprovalsConfig, (c) => ApprovalsModule.forRoot(c)),
  service('custody', CustodyConfig, (c) => CustodyModule.forRoot(c)),
  service('storage', StorageConfig, (c) => StorageModule.forRoot(c)),
  service('ledger', LedgerConfig, (c) => LedgerModule.forRoot(c)),
  // Last, so that the six keep their ports (3001–3006); oversight answers on 3007 (issue 20).
  service('oversight', OversightConfig, (c) => OversightModule.forRoot(c)),
];
