import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstClosedFolder } from './closed-folder';

describe('firstClosedFolder', () => {
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'closed-folder-'));
    fs.chmodSync(base, 0o755);
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('names the folder others may not enter, not the open ones below or above it', () => {
    const inner = path.join(base, 'closed', 'open');
    fs.mkdirSync(inner, { recursive: true });
    fs.chmodSync(path.join(base, 'closed'), 0o700);
    expect(firstClosedFolder(inner)).toBe(path.join(base, 'closed'));
  });

  it('looks past open folders: below an open temp folder (/tmp here), nothing is closed', () => {
    const inner = path.join(base, 'a', 'b');
    fs.mkdirSync(inner, { recursive: true });
    fs.chmodSync(path.join(base, 'a'), 0o755);
    fs.chmodSync(inner, 0o755);
    expect(firstClosedFolder(inner)).toBe(firstClosedFolder(os.tmpdir()));
  });
});
