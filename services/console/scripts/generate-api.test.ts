// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { API_DIR, SERVICES, typesOf } from './generate-api';

// The console's response types come from the services' documents only: a hand edit of a
// generated file, or a document committed without regenerating, fails here. (The e2e suite
// compares the committed documents with what the running services serve.)
describe('the console’s generated API types', () => {
  it.each(SERVICES)(
    '%s.d.ts is exactly what openapi-typescript makes of its committed OpenAPI document',
    async (service) => {
      const document = JSON.parse(fs.readFileSync(path.join(API_DIR, 'openapi', `${service}.json`), 'utf8'));
      const committed = fs.readFileSync(path.join(API_DIR, `${service}.d.ts`), 'utf8');
      expect(committed === (await typesOf(document))).toBe(true);
    },
  );
});
