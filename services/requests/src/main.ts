import { bootstrapService, exitOnStartupFailure, loadConfig } from '@custos/platform';
import { AppModule, SERVICE } from './app.module';
import { RequestsConfig } from './requests.config';

async function main(): Promise<void> {
  const config = loadConfig(RequestsConfig);
  await bootstrapService(AppModule.forRoot(config), { name: SERVICE, config });
}

main().catch(exitOnStartupFailure(SERVICE));
