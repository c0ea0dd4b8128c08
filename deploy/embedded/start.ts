import { EmbeddedStack, startEmbeddedStack } from './embedded-stack';
import { startEmbeddedConsole } from './console';
import { seedDemoData } from './seed-demo-data';

/**
 * `npm start`: Custos on a machine with only Node. Postgres is embedded, the event bus and
 * footage store are in process and on local disk; the same code runs in the cluster with
 * Kafka and MinIO (docker-compose.yml).
 */
async function main(): Promise<void> {
  const t0 = Date.now();
  // A person at a terminal reads the summary below, not ~230 lines of start-up JSON: warnings
  // and errors only, unless LOG_LEVEL asks for more. Containers keep their JSON info logs.
  const stack = await startEmbeddedStack({ logLevel: process.env.LOG_LEVEL ? undefined : 'warn' });
  const gateway = await startEmbeddedConsole(stack.services, process.env, (msg) =>
    stack.logger.log({ msg }, 'Console'),
  ).catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  stopOnSignals(stack, () => gateway.close());
  await seedDemoData(stack.services);
  const users = await demoUsers(stack);
  // The console first: it is what a person opens; the APIs follow for clients and curl.
  process.stdout.write(
    `\nConsole: ${gateway.url}\n${whereToReach(stack)}\n${users}\nCustos is running (started in ${Date.now() - t0} ms). Ctrl-C stops it.\n`,
  );
}

const DEMO_USERS_SHOWN = 12;

/** Who one can sign in as on the console's sign-in page (the embedded issuer's seeded users first). */
async function demoUsers(stack: EmbeddedStack): Promise<string> {
  const registry = stack.services.find((s) => s.name === 'registry')!;
  try {
    const r = await fetch(`${registry.url}/dev/users?limit=${DEMO_USERS_SHOWN}`);
    const page = (await r.json()) as { items: { username: string; organisationName: string; roles: string[] }[]; total: number };
    const rows = page.items.map((u) => [u.username, u.roles.join(', '), u.organisationName]);
    const more = page.total > rows.length ? `\n… and ${page.total - rows.length} more on the sign-in page` : '';
    return `Demo users (sign in on the console, no password):\n${table(['user', 'roles', 'organisation'], rows)}${more}\n`;
  } catch {
    return 'Demo users: see the sign-in page of the console.\n';
  }
}

function whereToReach(stack: EmbeddedStack): string {
  const rows = stack.services.map((s) => [s.name, s.url, `${s.url}/docs`, `${s.url}/health/ready`]);
  return ['', table(['service', 'API', 'OpenAPI', 'readiness'], rows), ''].join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function stopOnSignals(stack: EmbeddedStack, beforeStop: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stack.logger.log({ msg: 'stopping', signal }, 'Embedded');
    // A second Ctrl-C, or a service that hangs on close, must not keep the process alive.
    setTimeout(() => process.exit(1), 15000).unref();
    beforeStop()
      .catch(() => undefined)
      .then(() => stack.stop())
      .then(
        () => process.exit(0),
        (error) => {
          stack.logger.error({ msg: 'stop failed', err: error }, undefined, 'Embedded');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Custos could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
