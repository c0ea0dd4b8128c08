// The custody service for `npm run bench:download` (deploy/bench/download.bench.ts), in a
// process of its own so that its memory is its own. Not a test. It starts custody's module on
// the harness's Postgres with storage reached over HTTP (HttpFootageSource, as deployed),
// opens the evidence item of one export package, hands it over to the two officers of the
// fixture (R18.1, R18.5) and prints one single-use delivery link per download wanted, then
// serves until it is stopped. Environment: the harness's servers (DATABASE_URL, …),
// BENCH_STORAGE_URL, BENCH_STORAGE_TOKEN (custody's SERVICE token for storage),
// BENCH_PACKAGE (`{"exportId","packageSha256","packageSizeBytes"}`), BENCH_LINKS (count).
import 'reflect-metadata';
import { startTestIssuer } from '@custos/auth';
import { EventStore } from '@custos/eventstore';
import { createTestDatabase } from '@custos/testing';
import { HttpFootageSource } from '../src/adapters/http-footage-source';
import { custodyEventRegistry, EvidenceItemRepository } from '../src/database/evidence-item.repository';
import {
  approvalDocument,
  exportPackaged,
  officer,
  openExportedItem,
  signed,
  startCustodyApp,
} from '../src/testing/custody.test-support';
import { CUSTODY_MIGRATIONS } from '../src/migrations';

/** The line the benchmark reads: this prefix, then the links as JSON. */
export const LINKS_LINE = 'custody-delivery-links ';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (value === undefined) throw new Error(`${name} is not set`);
    return value;
  };
  const storageToken = env('BENCH_STORAGE_TOKEN');
  const pkg = JSON.parse(env('BENCH_PACKAGE')) as { exportId: string; packageSha256: string; packageSizeBytes: number };
  const issuer = await startTestIssuer();
  const custody = await startCustodyApp(issuer, await createTestDatabase('bench-download-custody', { migrations: CUSTODY_MIGRATIONS }), undefined, {
    footage: new HttpFootageSource({ baseUrl: env('BENCH_STORAGE_URL'), serviceToken: async () => storageToken, timeoutMs: 30_000 }),
  });
  const items = new EvidenceItemRepository(new EventStore(custody.pool, 'custody', custodyEventRegistry()));
  const id = await openExportedItem(items, custody.pool, exportPackaged(pkg));

  const post = async (path: string, who: string, body: object = {}) => {
    const response = await fetch(`${custody.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await issuer.tokenFor(officer(who))}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, string>;
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const approval = signed(approvalDocument(), custody.issuerKeys.privateKey);
  const { handOverId } = await post(`/v1/evidence-items/${id}/hand-overs`, 'li', { approval, purpose: 'bench: delivery throughput' });
  await post(`/v1/evidence-items/${id}/hand-overs/${handOverId}/confirmation`, 'zhang');
  const links: string[] = [];
  for (let i = 0; i < Number(env('BENCH_LINKS')); i++) {
    links.push(`${custody.url}${(await post(`/v1/evidence-items/${id}/delivery-links`, 'zhang')).url}`);
  }
  process.stdout.write(`${LINKS_LINE}${JSON.stringify(links)}\n`);

  const stop = async () => {
    await custody.close();
    await issuer.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

// The benchmark imports LINKS_LINE from here: only a process started on this file runs.
if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`custody delivery process failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
