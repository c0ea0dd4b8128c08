import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { AuthConfig } from '@custos/auth';

/** The requests service, started in its own process (services never import each other). */
export interface RequestsProcess {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

export async function startRequestsProcess(input: {
  databaseUrl: string;
  brokers: readonly string[];
  topicPrefix: string;
  auth: AuthConfig;
  registry: unknown;
}): Promise<RequestsProcess> {
  const root = path.resolve(__dirname, '../../../..');
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'services/requests/src/testing/serve-requests.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: input.databaseUrl,
      KAFKA_BROKERS: input.brokers.join(','),
      TOPIC_PREFIX: input.topicPrefix,
      CUSTOS_TEST_AUTH: JSON.stringify(input.auth),
      CUSTOS_TEST_REGISTRY: JSON.stringify(input.registry),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the requests process did not start in 120 s')), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /LISTENING (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the requests process exited with ${code}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
