// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { committedDocuments, SERVICES, typesOf, writeTypes } from './generate-api';

// The console's response types come from the committed OpenAPI documents only: `npm run
// typecheck` writes them before checking the console (they are not committed). The API contract
// test (deploy/embedded/openapi-contract.spec.ts) holds the documents to the code's.
describe('the console’s generated API types', () => {
  it('writes every service’s .d.ts from its committed OpenAPI document, and rewrites none that is up to date', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-api-'));
    try {
      const documents = committedDocuments();
      expect(await writeTypes(documents, dir)).toEqual(SERVICES.map((s) => `${s}.d.ts`));
      const ledger = fs.readFileSync(path.join(dir, 'ledger.d.ts'), 'utf8');
      expect(ledger === (await typesOf(documents.ledger))).toBe(true);
      expect(ledger).toContain('"/ledger/gaps": {');
      fs.writeFileSync(path.join(dir, 'ledger.d.ts'), '// edited by hand\n');
      expect(await writeTypes(documents, dir)).toEqual(['ledger.d.ts']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
