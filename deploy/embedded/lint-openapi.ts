import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApiDocuments } from './openapi-documents';

/**
 * `npm run lint:openapi`: each service's OpenAPI document, built without starting anything,
 * written to a temporary folder and linted by Redocly with its recommended rules. Errors fail
 * the lint; warnings are shown.
 */
async function main(): Promise<number> {
  const documents = await openApiDocuments();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-openapi-'));
  try {
    const files = Object.entries(documents).map(([service, document]) => {
      const file = path.join(dir, `${service}.json`);
      fs.writeFileSync(file, JSON.stringify(document, null, 2));
      return file;
    });
    const redocly = path.resolve(__dirname, '../../node_modules/.bin/redocly');
    const run = spawnSync(redocly, ['lint', '--extends', 'recommended', '--format', 'summary', ...files], {
      stdio: 'inherit',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    return run.status ?? 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`lint:openapi failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
