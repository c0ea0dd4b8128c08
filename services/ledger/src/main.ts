import { bootstrapService, exitOnStartupFailure, loadConfig } from '@custos/platform';
import { AppModule, SERVICE } from './app.module';
import { LedgerConfig } from './ledger.config';

async function main(): Promise<void> {
  const config = loadConfig(LedgerConfig);
  await bootstrapService(AppModule.forRoot(config), { name: SERVICE, config });
}

main().catch(exitOnStartupFailure(SERVICE));
