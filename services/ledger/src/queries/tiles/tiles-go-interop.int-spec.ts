/**
 * The ledger's C2SP tiles read by Go's transparency-log packages (golang.org/x/mod/sumdb/note
 * and …/tlog, Debian's golang-golang-x-mod-dev), which share no code with the ledger: the
 * checkpoint's signature, tiles authenticated against it, an inclusion and a consistency
 * proof. The ledger runs on the harness's real Postgres and S3 and listens on a real port.
 * Without `go` this suite fails (deploy/local/install.sh installs it); it never skips.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { INestApplication } from '@nestjs/common';
import { aPrincipal, TestIssuer } from '@custos/auth';
import { decodeEntryBundle, leafHash } from '@custos/ledger-core';
import { apiPath } from '@custos/platform';
import { AddressInfo } from 'node:net';
import { LedgerTestApp, startLedgerTestApp } from '../../../test/ledger-app';
import { ledgerKeys, leaves, ORIGIN } from '../../../test/support';
import { Checkpointer } from '../../commands/sign-checkpoint/checkpointer';
import { MerkleLog } from '../../domain/merkle-log.port';
import { LedgerTiles } from './ledger-tiles';
import { TileFastPath } from './tile-fast-path';
import { TILES_PREFIX } from './tiles.http.controller';

const run = promisify(execFile);
const GO_PROGRAM = resolve(__dirname, '../../../interop/go');
// Offline: Debian's packaged golang.org/x/mod in GOPATH mode, no module proxy.
const GO_ENV = { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOPROXY: 'off', GOFLAGS: '' };
const OLD_SIZE = 300;
const SIZE = 66_000;

async function goVersion(): Promise<string> {
  try {
    return (await run('go', ['version'], { env: GO_ENV })).stdout.trim();
  } catch (error) {
    throw new Error(
      `Go is needed for the tlog interoperability test and was not found (${(error as Error).message}); ` +
        'deploy/local/install.sh installs golang-go and golang-golang-x-mod-dev',
    );
  }
}

interface GoResult {
  treeSize: number;
  rootHash: string;
  leafIndex: number;
  leafHash: string;
  inclusionProof: string[];
  oldSize?: number;
  consistencyProof?: string[];
  tilesFetched: number;
}

describe('the ledger as C2SP tiles, checked by Go (golang.org/x/mod/sumdb)', () => {
  const keys = ledgerKeys();
  let issuer: TestIssuer;
  let ledger: LedgerTestApp;
  let app: INestApplication;
  let base: string;
  let wholeLog: string;
  let officer: string;
  let oldNote: string;
  const work = mkdtempSync(join(tmpdir(), 'custos-tlog-'));

  const http = (path: string, token?: string) =>
    fetch(`${base}/${path}`, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });

  /** Runs the Go checker; resolves with its result or rejects with what Go said. */
  async function goCheck(args: Record<string, string | number>): Promise<GoResult> {
    const flags = Object.entries({ base, vkey: keys.verifierKey, origin: ORIGIN, token: wholeLog, ...args }).map(
      ([k, v]) => `-${k}=${v}`,
    );
    const { stdout } = await run('go', ['run', 'main.go', ...flags], {
      cwd: GO_PROGRAM,
      env: GO_ENV,
      timeout: 120_000,
    });
    return JSON.parse(stdout) as GoResult;
  }

  beforeAll(async () => {
    await goVersion();
    // Never connected: run false starts no ingest; the leaves are appended through the log.
    ledger = await startLedgerTestApp('ledger-tiles', { signerKey: keys.signerKey, run: false, listen: true });
    ({ app, issuer } = ledger);
    wholeLog = await issuer.tokenFor(aPrincipal({ roles: ['OVERSIGHT'], divisionCode: '100000' }));
    officer = await issuer.tokenFor(aPrincipal({ roles: ['OFFICER'] }));
    // fetch keeps connections across the long Go runs; on a loaded machine Node's 5 s idle close
    // can meet a request already on its way (ECONNRESET), which says nothing about the tiles.
    (app.getHttpServer() as { keepAliveTimeout: number }).keepAliveTimeout = 300_000;
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}${apiPath(`/${TILES_PREFIX}`)}`;

    const log = app.get(MerkleLog);
    const checkpointer = app.get(Checkpointer);
    await log.append(leaves('requests', 1, OLD_SIZE));
    await checkpointer.checkpointNow();
    oldNote = await (await http('checkpoint')).text();
    for (let from = OLD_SIZE; from < SIZE; from += 2000) {
      await log.append(leaves('requests', from + 1, Math.min(2000, SIZE - from)));
    }
    await checkpointer.checkpointNow();
    writeFileSync(join(work, 'old.checkpoint'), oldNote);
  }, 300_000);

  afterAll(async () => {
    await ledger?.close();
  });

  it("serves the ledger's signed checkpoint as text, short-lived, the same note as the JSON API", async () => {
    const res = await http('checkpoint');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=2');
    const note = await res.text();
    expect(note.startsWith(`${ORIGIN}\n${SIZE}\n`)).toBe(true);
    const json = (await (
      await fetch(`${base.replace(TILES_PREFIX, 'ledger')}/checkpoints/latest`, {
        headers: { Authorization: `Bearer ${officer}` },
      })
    ).json()) as { checkpoint: string };
    expect(json.checkpoint).toBe(note);
    expect(oldNote.startsWith(`${ORIGIN}\n${OLD_SIZE}\n`)).toBe(true);
  });

  it('Go verifies the checkpoint signature, the tiles against it, an inclusion and a consistency proof', async () => {
    for (const index of [0, 257, 65_535, SIZE - 1]) {
      const result = await goCheck({ index, old: join(work, 'old.checkpoint') });
      expect(result).toMatchObject({ treeSize: SIZE, leafIndex: index, oldSize: OLD_SIZE });
      // Go's proofs from the served tiles are the ledger's own, from the JSON API and from its tile cache.
      const json = (await (
        await fetch(`${base.replace(TILES_PREFIX, 'ledger')}/proofs/inclusion?leafIndex=${index}&treeSize=${SIZE}`, {
          headers: { Authorization: `Bearer ${wholeLog}` },
        })
      ).json()) as { inclusionProof: string[]; leafHash: string };
      expect(result.inclusionProof).toEqual(json.inclusionProof);
      expect(result.leafHash).toBe(json.leafHash);
      const tiles = app.get(LedgerTiles);
      expect((await tiles.inclusionProof(index, SIZE)).map((h) => h.toString('base64'))).toEqual(result.inclusionProof);
      expect((await tiles.consistencyProof(OLD_SIZE, SIZE)).map((h) => h.toString('base64'))).toEqual(
        result.consistencyProof,
      );
    }
  });

  it('Go rejects the checkpoint under another key of the same name, and under another origin', async () => {
    const stranger = ledgerKeys(ORIGIN);
    await expect(goCheck({ index: 1, vkey: stranger.verifierKey })).rejects.toThrow(/REJECTED: checkpoint signature/);
    await expect(goCheck({ index: 1, origin: 'another.log/audit' })).rejects.toThrow(/REJECTED: checkpoint/);
  });

  it('serves full tiles immutable and public, partial ones short-lived, each of 32-byte hashes', async () => {
    const full = await http('tile/0/001');
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('application/octet-stream');
    expect(full.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await full.arrayBuffer());
    expect(bytes.length).toBe(8192);
    const partialWidth = SIZE % 256;
    const partial = await http(`tile/0/257.p/${partialWidth}`);
    expect(partial.headers.get('cache-control')).toBe('public, max-age=60');
    expect(Buffer.from(await partial.arrayBuffer()).length).toBe(partialWidth * 32);
    expect((await http('tile/2/000.p/1')).status).toBe(200);
    // Read again: now from the cache, answered on the server before Express (TileFastPath), the same answer.
    const fastPath = app.get(TileFastPath);
    const servedBefore = fastPath.served;
    const again = await http('tile/0/001');
    expect(fastPath.served).toBe(servedBefore + 1);
    expect(again.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(again.headers.get('content-type')).toBe('application/octet-stream');
    expect(again.headers.get('etag')).toBe(full.headers.get('etag'));
    expect(Buffer.from(await again.arrayBuffer())).toEqual(bytes);
    expect(app.get(LedgerTiles).cachedHashTile({ level: 0, index: 1, width: 256 })).toEqual(bytes);
    // What a CDN revalidating asks: the ETag it holds is current, so no body.
    const revalidated = await fetch(`${base}/tile/0/001`, { headers: { 'If-None-Match': full.headers.get('etag') as string } });
    expect(revalidated.status).toBe(304);
  });

  it('serves entry bundles to whole-log readers only, each entry hashing to its level-0 tile (R5.1, R3.1)', async () => {
    expect((await http('tile/entries/001')).status).toBe(401);
    expect((await http('tile/entries/001', officer)).status).toBe(403);
    const res = await http('tile/entries/001', wholeLog);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    // fetch asks for gzip and inflates it (as Go's client does): the spec's SHOULD compress.
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const plain = await fetch(`${base}/tile/entries/001`, {
      headers: { Authorization: `Bearer ${wholeLog}`, 'Accept-Encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const body = Buffer.from(await res.arrayBuffer());
    expect(Buffer.from(await plain.arrayBuffer())).toEqual(body);
    const entries = decodeEntryBundle(body);
    const tile = Buffer.from(await (await http('tile/0/001')).arrayBuffer());
    expect(entries.ok && entries.value.length).toBe(256);
    if (entries.ok) entries.value.forEach((e, i) => expect(leafHash(e)).toEqual(tile.subarray(i * 32, i * 32 + 32)));
  });

  it('answers a malformed path 400 and a tile the log does not hold yet 404, with codes', async () => {
    const bad = await http('tile/0/1');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('CUSTOS_INPUT_TILE_PATH_INVALID');
    const ahead = await http('tile/0/258');
    expect(ahead.status).toBe(404);
    expect(((await ahead.json()) as { code: string }).code).toBe('CUSTOS_LEDGER_TILE_NOT_FOUND');
    expect((await http(`tile/0/257.p/${(SIZE % 256) + 1}`)).status).toBe(404);
    expect((await http('tile/entries/258', wholeLog)).status).toBe(404);
  });
});
