import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedSecret } from './embedded-secret';

describe('embeddedSecret: a secret the embedded mode generates once and keeps', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'custos-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const options = (file: string, generate = () => 'generated-secret') => ({
    embedded: true,
    requiredMessage: 'SOME_SECRET is required when EMBEDDED_MODE=false',
    file,
    generate,
  });

  it('refuses outside the embedded mode, and writes nothing', () => {
    const file = join(dir, 'keys', 'a.secret');
    expect(() => embeddedSecret({ ...options(file), embedded: false })).toThrow(/SOME_SECRET is required when EMBEDDED_MODE=false/);
    expect(() => statSync(join(dir, 'keys'))).toThrow(/ENOENT/);
  });

  it('generates the secret once, keeps it 0600 in a 0700 keys folder, and reuses it', () => {
    const keys = join(dir, 'data', 'keys');
    const file = join(keys, 'a.secret');
    let generated = 0;
    const generate = () => `secret-${++generated}`;
    expect(embeddedSecret(options(file, generate))).toBe('secret-1');
    expect(readFileSync(file, 'utf8')).toBe('secret-1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(keys).mode & 0o777).toBe(0o700);
    expect(embeddedSecret(options(file, generate))).toBe('secret-1');
    expect(generated).toBe(1);
  });

  it('reads a kept secret trimmed by default, or through parse', () => {
    const file = join(dir, 'a.secret');
    writeFileSync(file, '  kept\n');
    expect(embeddedSecret(options(file))).toBe('kept');
    expect(embeddedSecret({ ...options(file), parse: (text) => text.length })).toBe(7);
  });

  it('tells `created` only when this call kept a new secret', () => {
    const file = join(dir, 'keys', 'a.secret');
    const created: string[] = [];
    embeddedSecret({ ...options(file), created: (text) => created.push(text) });
    embeddedSecret({ ...options(file), created: (text) => created.push(text) });
    expect(created).toEqual(['generated-secret']);
  });

  it('keeps and uses the secret another process wrote first', () => {
    const file = join(dir, 'keys', 'a.secret');
    const created: string[] = [];
    const racing = () => {
      writeFileSync(file, 'theirs');
      return 'ours';
    };
    expect(embeddedSecret({ ...options(file, racing), created: (text) => created.push(text) })).toBe('theirs');
    expect(readFileSync(file, 'utf8')).toBe('theirs');
    expect(created).toEqual([]);
  });
});
