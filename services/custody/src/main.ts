import { bootstrapService, exitOnStartupFailure, loadConfig } from '@custos/platform';
import { AppModule, SERVICE } from './app.module';
import { CustodyConfig } from './custody.config';

async function main(): Promise<void> {
  const config = loadConfig(CustodyConfig);
  await bootstrapService(AppModule.forRoot(config), { name: SERVICE, config });
}

main().catch(exitOnStartupFailure(SERVICE));
