import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const MODEL = readFileSync(join(ROOT, 'docs', 'THREAT-MODEL.md'), 'utf8');
/** `path/to/x.spec.ts` — "words of its name", as the threat model cites a test. */
const CITATION = /`([\w./-]+\.(?:int-|e2e-)?spec\.ts)`(?: — "([^"]+)")?/g;

describe('the threat model (issue 16)', () => {
  const citations = [...MODEL.matchAll(CITATION)].map(([, path, name]) => ({ path, name }));

  it('cites tests for its threats', () => {
    expect(citations.length).toBeGreaterThan(40);
  });

  it('cites only test files that exist, by words of a test name they contain', () => {
    const missing = citations.filter(({ path, name }) => {
      const file = join(ROOT, path);
      if (!existsSync(file)) return true;
      // Names are compared with their quotes normalised: a name's apostrophe may be escaped in the source.
      const text = readFileSync(file, 'utf8').replace(/\\'/g, "'");
      return name !== undefined && !text.includes(name);
    });
    expect(missing).toEqual([]);
  });
});
