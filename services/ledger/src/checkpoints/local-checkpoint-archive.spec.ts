import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCheckpointArchive } from './local-checkpoint-archive';

describe('LocalCheckpointArchive', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-checkpoints-'));
  const archive = new LocalCheckpointArchive(directory, 'checkpoints/');

  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('writes each checkpoint once, read-only, and accepts the identical note again', async () => {
    await archive.assertWriteOnce();
    expect(await archive.put(7, 'note 7\n')).toEqual({
      key: 'checkpoints/0000000000000007.checkpoint',
      versionId: null,
    });
    const file = path.join(directory, 'checkpoints/0000000000000007.checkpoint');
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    await expect(archive.put(7, 'note 7\n')).resolves.toMatchObject({ key: expect.any(String) });
  });

  it('refuses another checkpoint for a size already archived', async () => {
    await expect(archive.put(7, 'a different note\n')).rejects.toThrow(/already holds another checkpoint/);
    expect(fs.readFileSync(path.join(directory, 'checkpoints/0000000000000007.checkpoint'), 'utf8')).toBe('note 7\n');
  });
});
