import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@custos/platform';
import { createTestDatabase, freePort, startTestApp, testInfra, uniqueTopicPrefix } from '@custos/testing';
import { AppModule as RegistryAppModule } from '../../services/registry/src/app.module';
import { RegistryConfig } from '../../services/registry/src/registry.config';
import { RegistryDemoSeeder } from '../../services/registry/src/seed/registry-demo.seeder';

/** The settings every service of a wiring suite shares: the harness's Kafka, and the registry as token issuer. */
export interface WiringSettings {
  readonly EVENT_BUS: string;
  readonly KAFKA_BROKERS: string;
  readonly KAFKA_TOPIC_PREFIX: string;
  readonly CUSTOS_AUTH_ISSUER: string;
  readonly CUSTOS_AUTH_JWKS_URL: string;
}

export interface WiredRegistry {
  readonly app: INestApplication;
  /** The registry's base URL, which is also the development issuer's. */
  readonly url: string;
  /** What the suite's other services are configured with besides their own settings. */
  readonly common: WiringSettings;
}

/**
 * A REAL registry (its AppModule) on the harness's Kafka under a topic prefix of its own, hosting
 * the development issuer (EMBEDDED_MODE=true, the only token source of a wiring suite) and seeded
 * with the demo data; `settings` add to its own (e.g. a trace collector). The caller closes `app`.
 */
export async function startWiredRegistry(label: string, settings: Record<string, string> = {}): Promise<WiredRegistry> {
  const infra = testInfra();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const common: WiringSettings = {
    EVENT_BUS: 'kafka',
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(label),
    CUSTOS_AUTH_ISSUER: url,
    CUSTOS_AUTH_JWKS_URL: `${url}/.well-known/jwks.json`,
  };
  const config = loadConfig(RegistryConfig, {
    ...common,
    PORT: String(port),
    DATABASE_URL: await createTestDatabase(`${label}-registry`),
    EMBEDDED_MODE: 'true',
    ...settings,
  });
  const { app } = await startTestApp(RegistryAppModule.forRoot(config), { service: 'registry', port });
  try {
    await app.get(RegistryDemoSeeder, { strict: false }).seed();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return { app, url, common };
}

/**
 * A service's client settings outside the embedded mode against the registry's development
 * issuer: its demo user is the client id (the development issuer checks no secret), so the
 * service fetches its short-lived tokens by client credentials, as from a real provider.
 */
export function serviceClientSettings(serviceUser: string): { CUSTOS_AUTH_CLIENT_ID: string; CUSTOS_AUTH_CLIENT_SECRET: string } {
  return { CUSTOS_AUTH_CLIENT_ID: serviceUser, CUSTOS_AUTH_CLIENT_SECRET: 'the-development-issuer-checks-no-secret' };
}
