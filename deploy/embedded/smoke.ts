import { startEmbeddedStack, RunningService } from './embedded-stack';
import { seedDemoData } from './seed-demo-data';

/**
 * Starts the embedded installation exactly as `npm start` does, waits until every service is
 * ready, checks that each also serves its OpenAPI document and metrics, seeds the demo data
 * and reads it back with a token from the development issuer, prints the result, stops
 * everything and exits 0, or 1 on any failure.
 */
const READY_TIMEOUT_MS = 60000;

interface Probe {
  readonly service: string;
  readonly path: string;
  readonly status: number | string;
  readonly ok: boolean;
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const stack = await startEmbeddedStack({ logLevel: (process.env.LOG_LEVEL as 'warn' | undefined) ?? 'warn' });
  const startedMs = Date.now() - t0;
  try {
    const probes = (await Promise.all(stack.services.map(probeService))).flat();
    await seedDemoData(stack.services);
    probes.push(await probeDemoData(stack.services));
    const width = Math.max(...probes.map((p) => `${p.service} ${p.path}`.length));
    for (const p of probes) {
      process.stdout.write(`${p.ok ? 'ok  ' : 'FAIL'} ${`${p.service} ${p.path}`.padEnd(width)}  ${p.status}\n`);
    }
    const failed = probes.filter((p) => !p.ok).length;
    process.stdout.write(
      `${failed === 0 ? 'smoke passed' : `smoke FAILED (${failed} probe(s))`}: ${stack.services.length} services, ` +
        `started in ${startedMs} ms, all checked in ${Date.now() - t0} ms\n`,
    );
    return failed === 0 ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

async function probeService(service: RunningService): Promise<Probe[]> {
  const ready = await waitUntilReady(service);
  const others = await Promise.all(['/health/live', '/docs-json', '/metrics'].map((p) => probe(service, p)));
  return [ready, ...others];
}

/** A demo user signs in at the development issuer and lists the seeded organisations. */
async function probeDemoData(services: readonly RunningService[]): Promise<Probe> {
  const registry = services.find((s) => s.name === 'registry')!;
  const path = '/organisations (as admin.shaanxi)';
  try {
    const token = await fetch(`${registry.url}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin.shaanxi' }),
    }).then((r) => r.json() as Promise<{ access_token?: string }>);
    const response = await fetch(`${registry.url}/v1/organisations`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    const body = (await response.json()) as { items?: unknown[]; nextCursor?: string | null };
    const listed = body.items?.length ?? 0;
    const ok = response.status === 200 && listed > 0;
    return { service: registry.name, path, status: `${response.status}, ${listed}${body.nextCursor ? '+' : ''} organisations`, ok };
  } catch (error) {
    return { service: registry.name, path, status: error instanceof Error ? error.message : String(error), ok: false };
  }
}

async function waitUntilReady(service: RunningService): Promise<Probe> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const result = await probe(service, '/health/ready');
    if (result.ok || Date.now() > deadline) return result;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function probe(service: RunningService, path: string): Promise<Probe> {
  try {
    const response = await fetch(`${service.url}${path}`, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return { service: service.name, path, status: response.status, ok: response.status === 200 };
  } catch (error) {
    return { service: service.name, path, status: error instanceof Error ? error.message : String(error), ok: false };
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`smoke FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
