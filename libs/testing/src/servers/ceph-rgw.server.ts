import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { S3Endpoint } from '../infra';
import { ServerHandle } from './server-handle';
import { freePort, makeScratchDir } from './scratch';

const run = promisify(execFile);
const scripts = path.resolve(__dirname, '../../../../deploy/local');

export interface StartedS3 extends ServerHandle {
  readonly s3: S3Endpoint;
}

/** Ceph RADOS Gateway (real S3 with Object Lock) through deploy/local/s3-up.sh. */
export async function startCephRgw(): Promise<StartedS3> {
  const dir = makeScratchDir('s3');
  const env = {
    ...process.env,
    D: dir,
    RGW_PORT: String(await freePort()),
    MON_PORT: String(await freePortPair()),
  };
  const { stdout } = await run('bash', [path.join(scripts, 's3-up.sh')], { env, timeout: 180000 });
  const line = stdout.trim().split('\n').pop() ?? '';
  const vars = Object.fromEntries(line.split(' ').map((kv) => kv.split('=', 2) as [string, string]));
  const url = new URL(vars.S3_ENDPOINT);
  const runDir = path.join(dir, 'run');
  return {
    name: 's3',
    s3: {
      endPoint: url.hostname,
      port: Number(url.port),
      useSSL: false,
      accessKey: vars.S3_ACCESS_KEY,
      secretKey: vars.S3_SECRET_KEY,
      region: 'us-east-1',
    },
    pids: () =>
      fs.existsSync(runDir)
        ? fs.readdirSync(runDir).filter((f) => f.endsWith('.pid')).map((f) => Number(fs.readFileSync(path.join(runDir, f), 'utf8')))
        : [],
    scratchDirs: [dir],
    stop: async () => {
      await run('bash', [path.join(scripts, 's3-down.sh')], { env: { ...process.env, D: dir, PURGE: '1' } });
    },
  };
}

/** The monitor listens on two adjacent ports (msgr v2 and v1). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port < 65000 && (await isFree(port + 1))) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = require('node:net').createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
