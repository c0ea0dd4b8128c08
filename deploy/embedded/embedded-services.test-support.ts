import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@custos/platform';
import { createTestDatabase, devToken, freePort, startTestApp } from '@custos/testing';
import { Pool } from 'pg';
import { RegistryDemoSeeder } from '../../services/registry/src/seed/registry-demo.seeder';
import { EMBEDDED_SERVICES } from './services';

export interface RunningService {
  readonly name: string;
  readonly app: INestApplication;
  readonly url: string;
  /** A small pool on the service's own database, to look at its event log. */
  readonly pool: Pool;
}

export interface RunningServices {
  readonly services: ReadonlyMap<string, RunningService>;
  /** A token of a demo user from the registry's development issuer. */
  tokenOf(username: string): Promise<string>;
  /** How many events the service's own log holds. */
  eventCount(service: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Services as `npm start` runs them (their root modules, EMBEDDED_MODE, the embedded bus, the
 * registry seeded with the demo data as development issuer) on the harness's Postgres, with
 * every key and file in a temporary folder. The registry comes first in `names`; `overrides`
 * change one service's settings (e.g. a REGISTRY_URL that fails).
 */
export async function startEmbeddedServices(
  label: string,
  names: readonly string[],
  overrides: Record<string, Record<string, string>> = {},
): Promise<RunningServices> {
  const folder = mkdtempSync(join(tmpdir(), `custos-${label}-`));
  const ports = Object.fromEntries(await Promise.all(names.map(async (s) => [s, await freePort()] as const)));
  const url = (s: string) => `http://127.0.0.1:${ports[s] ?? 9}`;
  const common = {
    EMBEDDED_MODE: 'true',
    EVENT_BUS: 'embedded',
    EVENT_BUS_DATABASE_URL: await createTestDatabase(`${label}-bus`),
    CUSTOS_AUTH_ISSUER: url('registry'),
    CUSTOS_AUTH_JWKS_URL: `${url('registry')}/.well-known/jwks.json`,
    REGISTRY_URL: url('registry'),
    APPROVALS_URL: url('approvals'),
    STORAGE_URL: url('storage'),
    CUSTODY_LINK_SECRET: randomBytes(32).toString('hex'),
    CUSTODY_KEYS_DIR: join(folder, 'keys'),
    // The ledger's key and write-once archive too: their defaults are the checkout's own
    // installation (.custos/embedded), whose archive would then refuse that installation's notes.
    LEDGER_KEYS_DIR: join(folder, 'keys'),
    EVENT_KEYS_DIR: join(folder, 'keys'),
    LEDGER_CHECKPOINT_DIR: join(folder, 'checkpoints'),
    STORAGE_DRIVER: 'local',
    LOCAL_STORE_DIR: join(folder, 'store'),
    EXPORT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  const services = new Map<string, RunningService>();
  const close = async () => {
    for (const s of [...services.values()].reverse()) {
      await s.app.close().catch(() => undefined);
      await s.pool.end().catch(() => undefined);
    }
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    // One after the other: the registry issues every token, and the bus's schema is created once.
    for (const name of names) {
      const service = EMBEDDED_SERVICES.find((s) => s.name === name)!;
      const databaseUrl = await createTestDatabase(`${label}-${name}`);
      const env = { ...common, PORT: String(ports[name]), DATABASE_URL: databaseUrl, ...overrides[name] };
      const { app } = await startTestApp(service.rootModule(loadConfig(service.configClass, env)), { service: name, port: ports[name], swagger: true });
      const pool = new Pool({ connectionString: databaseUrl, max: 2 });
      pool.on('error', () => undefined);
      services.set(name, { name, app, url: url(name), pool });
      if (name === 'registry') await app.get(RegistryDemoSeeder, { strict: false }).seed();
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    services,
    tokenOf: (username) => devToken(url('registry'), username),
    async eventCount(service) {
      return Number((await services.get(service)!.pool.query('SELECT count(*) AS n FROM es_events')).rows[0].n);
    },
    close,
  };
}
