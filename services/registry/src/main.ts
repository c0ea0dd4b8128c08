import { bootstrapService, exitOnStartupFailure, loadConfig } from '@custos/platform';
import { AppModule, SERVICE } from './app.module';
import { RegistryConfig } from './registry.config';

async function main(): Promise<void> {
  const config = loadConfig(RegistryConfig);
  await bootstrapService(AppModule.forRoot(config), { name: SERVICE, config });
}

main().catch(exitOnStartupFailure(SERVICE));
