import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCheckpointArchive } from './local-checkpoint-archive';

const ROOT = path.resolve(__dirname, '../../../..');

describe('LocalCheckpointArchive', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-checkpoints-'));
  const archive = new LocalCheckpointArchive(directory, 'checkpoints/');
  const fileOf = (size: number) => path.join(directory, archive.keyOf(size));
  const leftovers = () => fs.readdirSync(path.join(directory, 'checkpoints')).filter((f) => f.endsWith('.tmp'));

  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('writes each checkpoint once, read-only, and accepts the identical note again', async () => {
    await archive.assertWriteOnce();
    expect(await archive.put(7, 'note 7\n')).toEqual({
      key: 'checkpoints/0000000000000007.checkpoint',
      versionId: null,
    });
    expect(fs.statSync(fileOf(7)).mode & 0o777).toBe(0o444);
    await expect(archive.put(7, 'note 7\n')).resolves.toMatchObject({ key: expect.any(String) });
    expect(leftovers()).toEqual([]);
  });

  it('refuses another checkpoint for a size already archived', async () => {
    await expect(archive.put(7, 'a different note\n')).rejects.toThrow(/already holds another checkpoint/);
    expect(fs.readFileSync(fileOf(7), 'utf8')).toBe('note 7\n');
  });

  it('replaces an empty or cut-off file left by a write killed mid-way, and keeps it write-once after', async () => {
    fs.writeFileSync(fileOf(8), '', { mode: 0o444 });
    fs.writeFileSync(fileOf(9), 'note', { mode: 0o444 });
    await archive.put(8, 'note 8\n');
    await archive.put(9, 'note 9\n');
    expect(fs.readFileSync(fileOf(8), 'utf8')).toBe('note 8\n');
    expect(fs.readFileSync(fileOf(9), 'utf8')).toBe('note 9\n');
    expect(fs.statSync(fileOf(9)).mode & 0o777).toBe(0o444);
    await expect(archive.put(9, 'note 9 again\n')).rejects.toThrow(/already holds another checkpoint/);
    expect(leftovers()).toEqual([]);
  });

  it('ignores a temporary file left by a killed write', async () => {
    const stale = path.join(directory, 'checkpoints', '.0000000000000010.checkpoint.1-abcd.tmp');
    fs.writeFileSync(stale, 'not');
    await archive.put(10, 'note 10\n');
    expect(fs.readFileSync(fileOf(10), 'utf8')).toBe('note 10\n');
    fs.rmSync(stale);
  });

  it('gives one file when several writers put the same checkpoint at once', async () => {
    await Promise.all(Array.from({ length: 8 }, () => archive.put(11, 'note 11\n')));
    expect(fs.readFileSync(fileOf(11), 'utf8')).toBe('note 11\n');
    expect(leftovers()).toEqual([]);
  });

  it('leaves no empty or partial checkpoint when the writing process is killed at any moment', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-checkpoints-kill-'));
    const noteOf = (size: number) => `note ${size}\n${'x'.repeat(256 * 1024)}\n`;
    try {
      let from = 1;
      for (let round = 0; round < 6; round++) {
        // A writer archiving one size after another (large notes, so the kill often lands mid-write).
        const script = `
          const { LocalCheckpointArchive } = require(${JSON.stringify(path.join(__dirname, 'local-checkpoint-archive.ts'))});
          const a = new LocalCheckpointArchive(${JSON.stringify(dir)});
          (async () => { process.stdout.write('go\\n');
            for (let s = ${from}; ; s++) await a.put(s, 'note ' + s + '\\n' + 'x'.repeat(256 * 1024) + '\\n'); })();`;
        const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        await new Promise((resolve) => child.stdout.once('data', resolve));
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
        const written = fs.readdirSync(dir).filter((f) => f.endsWith('.checkpoint'));
        for (const name of written) {
          expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe(noteOf(Number.parseInt(name, 10)));
        }
        // The next writer goes on from the size the killed one was at, and is not blocked.
        from = written.length + 1;
        const next = new LocalCheckpointArchive(dir);
        await next.put(from, noteOf(from));
        from += 1;
      }
      expect(from).toBeGreaterThan(6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
