import { bootstrapService, exitOnStartupFailure, loadConfig } from '@custos/platform';
import { AppModule, SERVICE } from './app.module';
import { StorageConfig } from './storage.config';

async function main(): Promise<void> {
  const config = loadConfig(StorageConfig);
  await bootstrapService(AppModule.forRoot(config), { name: SERVICE, config });
}

main().catch(exitOnStartupFailure(SERVICE));
