import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EnvelopeSigner } from '@custos/eventstore';
import { generateNoteKeys } from '@custos/ledger-core';
import { loadConfig } from '@custos/platform';
import {
  createTestBucket,
  createTestDatabase,
  databaseUrlAs,
  freePort,
  infraToEnv,
  KafkaSecureFront,
  signInWithPkce,
  startTestApp,
  TEST_OIDC,
  TEST_OIDC_CLAIM_SETTINGS,
  testInfra,
  testOidcIssuer,
  testDatabaseRoles,
  testServiceClient,
  uniqueTopicPrefix,
  waitFor,
} from '@custos/testing';
import { compileFiles, compileWorkspace } from './build';
import { readiness } from './chaos/cluster';
import { renderCompose } from './compose.test-support';
import { lifecycleSteps } from './embedded/lifecycle-steps';
import { clientWithToken, DemoClient, seedDemoViewing } from './embedded/seed-demo-data';
import { AppModule as RegistryAppModule } from '../services/registry/src/app.module';
import { RegistryConfig } from '../services/registry/src/registry.config';
import { RegistryDemoSeeder } from '../services/registry/src/seed/registry-demo.seeder';

const ROOT = path.resolve(__dirname, '..');
const SERVICES = ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger'] as const;
/** The compose host names the harness's servers stand in for. */
const KEYCLOAK_REALM = 'http://keycloak:8080/auth/realms/custos/protocol/openid-connect';
const PUBLIC_ISSUER = 'https://custos.localhost/auth/realms/custos';

/**
 * Cluster mode as docker-compose.yml runs it (issue 19), on this machine without a container
 * engine: the six services compiled as the image builds them (`npm run build`'s
 * compileWorkspace) and started as its CMD does (`node dist/services/<name>/src/main.js`,
 * NODE_ENV=production, EMBEDDED_MODE=false), each a process of its own, with the environment
 * rendered from docker-compose.yml: compose's host names mapped to the harness's Postgres,
 * Kafka-protocol broker, Ceph S3 (Object Lock) and OpenID provider, and each `NAME_FILE` secret
 * read from a file written here, as the images' entrypoint (env-from-files.sh) does. The topics
 * come from the topic job (compose's kafka-topics, its own compiled entry). People sign in with
 * authorization code + PKCE; requests, approvals, custody and storage call the registry with
 * their own clients' client-credentials tokens (CUSTOS_AUTH_CLIENT_ID / _SECRET from the
 * secret files). The bus is compose's too: TLS + SCRAM-SHA-512 as each service's own user, the
 * harness's broker behind a TLS + SASL front holding those users (the CA and passwords are the
 * secret files written here). Each service signs its events with its own key (compose's
 * event-signing-key-<service>); the readers require signatures and pin the registry's key, and
 * the operator registers the others' keys with deploy/docker/register-event-keys.sh between the
 * registry's start and the others'. What is not compose's: the provider's audience and claim names
 * (CUSTOS_AUTH_AUDIENCE, CUSTOS_AUTH_*_CLAIM), which are the harness provider's, not the
 * Keycloak realm's, and the registry's demo data, seeded before its process starts.
 */
describe('the six services as compose starts them, signed in through an OpenID provider (issue 19; R3.1, R17.1, R17.3, R18.1, R18.5)', () => {
  const processes = new Map<string, { child: ChildProcess; output: string[] }>();
  const ports = new Map<string, number>();
  const tokens = new Map<string, Promise<string>>();
  let scratch: string;
  let issuer: string;
  let bus: KafkaSecureFront | undefined;
  /** The SCRAM password of each bus user (compose's kafka-password-<user> secrets). */
  const busPasswords = Object.fromEntries([...SERVICES, 'topics'].map((u) => [u, randomBytes(16).toString('hex')]));
  const run = `CLUSTER-${Date.now().toString(36)}`;
  const urlOf = (service: string) => `http://127.0.0.1:${ports.get(service)}`;
  const as = async (username: string): Promise<DemoClient> => {
    if (!tokens.has(username)) tokens.set(username, signInWithPkce(issuer, username).then((s) => s.accessToken));
    return clientWithToken(await tokens.get(username)!);
  };
  const steps = () => lifecycleSteps({ as, requestsUrl: urlOf('requests'), approvalsUrl: urlOf('approvals') });

  /** compose's value with its host names mapped to the harness's servers. */
  function mapped(value: string, s3Endpoint: string, brokers: string): string {
    return value
      .replace(`${KEYCLOAK_REALM}/certs`, `${issuer}/jwks`)
      .replace(`${KEYCLOAK_REALM}/token`, `${issuer}/token`)
      .replace(PUBLIC_ISSUER, issuer)
      .replace(/^kafka:9092$/, brokers)
      .replace(/^http:\/\/s3:7480$/, s3Endpoint)
      .replace(/^http:\/\/([a-z]+):\d+$/, (url, host: string) => (ports.has(host) ? urlOf(host) : url));
  }

  /** A service's environment from compose: mapped values, and `NAME_FILE` secrets read as env-from-files.sh does. */
  function environmentOf(compose: ReturnType<typeof renderCompose>, service: string, overrides: Record<string, string>): Record<string, string> {
    const { S3_ENDPOINT } = infraToEnv(testInfra());
    const brokers = bus!.brokers.join(',');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', NODE_ENV: 'production' };
    for (const [name, raw] of Object.entries(compose.services[service].environment ?? {})) {
      const secret = /^\/run\/secrets\/(.+)$/.exec(String(raw))?.[1];
      if (name.endsWith('_FILE') && secret) env[name.slice(0, -'_FILE'.length)] = fs.readFileSync(path.join(scratch, 'secrets', secret), 'utf8');
      else env[name] = mapped(String(raw), S3_ENDPOINT, brokers);
    }
    return { ...env, ...overrides };
  }

  async function writeSecrets(): Promise<Record<string, string>> {
    const dir = path.join(scratch, 'secrets');
    fs.mkdirSync(dir, { recursive: true });
    const infra = testInfra();
    const secrets: Record<string, string> = {
      's3-access-key': infra.s3.accessKey,
      's3-secret-key': infra.s3.secretKey,
      'approvals-key-encryption-secret': randomBytes(32).toString('hex'),
      'custody-link-secret': randomBytes(32).toString('hex'),
      'export-signing-key': generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      'ledger-signer-key': generateNoteKeys('custos-ledger').signerKey,
      'kafka-ca': bus!.certificates.ca,
      ...Object.fromEntries(Object.entries(busPasswords).map(([user, password]) => [`kafka-password-${user}`, password])),
    };
    // Each service's event-signing key, and the public keys make-secrets.sh derives from them:
    // the registry's (every reader's bootstrap pin) and all (what register-event-keys.sh registers).
    const signers = SERVICES.map((service) => {
      const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      secrets[`event-signing-key-${service}`] = pem;
      return EnvelopeSigner.fromSetting(service, pem);
    });
    secrets['event-trusted-keys'] = signers.find((s) => s.service === 'registry')!.trustedKeyEntry;
    secrets['event-trusted-keys-all'] = signers.map((s) => s.trustedKeyEntry).join(',');
    const { owner, runtime } = await testDatabaseRoles();
    for (const service of SERVICES) {
      // An empty database owned by the owner role, as compose's create-databases.sh makes it:
      // the owner's URL for the migration job only, the runtime role's for the service.
      const database = await createTestDatabase(`cluster-${service}`, { empty: true });
      secrets[`database-owner-url-${service}`] = databaseUrlAs(database, owner);
      secrets[`database-url-${service}`] = databaseUrlAs(database, runtime);
      // The same file feeds the realm import (Keycloak's side) and the service (its client's secret).
      secrets[`oidc-secret-${service}`] = testServiceClient(service).clientSecret;
    }
    for (const [name, value] of Object.entries(secrets)) fs.writeFileSync(path.join(dir, name), value, { mode: 0o600 });
    return secrets;
  }

  function start(service: string, env: Record<string, string>, entry = `dist/services/${service}/src/main.js`): ChildProcess {
    const child = spawn(process.execPath, [entry], { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const keep = (chunk: Buffer) => output.push(chunk.toString('utf8'));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    processes.set(service, { child, output });
    return child;
  }

  const logOf = (service: string) => processes.get(service)?.output.join('').slice(-3000) ?? '';

  beforeAll(async () => {
    issuer = testOidcIssuer();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-cluster-'));
    // The image's build: the workspace and the topic job, compiled ahead into dist/.
    compileWorkspace(path.join(scratch, 'dist'), ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger']);
    compileFiles(path.join(scratch, 'dist'), ['deploy/kafka/create-topics.ts']);
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(scratch, 'node_modules'));
    for (const service of SERVICES) ports.set(service, await freePort());
    bus = await KafkaSecureFront.start({
      brokers: testInfra().kafkaBrokers,
      scramUsers: Object.fromEntries(Object.entries(busPasswords).map(([user, password]) => [`custos-${user}`, password])),
    });
    await writeSecrets();

    const compose = renderCompose({ KAFKA_TOPIC_PREFIX: uniqueTopicPrefix('cluster') });
    const overrides: Record<string, Record<string, string>> = {};
    const footage = await createTestBucket('cluster-footage', { objectLock: true });
    const checkpoints = await createTestBucket('cluster-checkpoints', { objectLock: true });
    for (const service of SERVICES) {
      overrides[service] = {
        PORT: String(ports.get(service)),
        // Each container has the management port to itself; here they share one host.
        MANAGEMENT_PORT: String(await freePort()),
        CUSTOS_AUTH_AUDIENCE: TEST_OIDC.apiResource,
        ...TEST_OIDC_CLAIM_SETTINGS,
        ...(service === 'storage' ? { S3_BUCKET_FOOTAGE: footage } : {}),
        ...(service === 'ledger' ? { S3_BUCKET_CHECKPOINTS: checkpoints } : {}),
      };
    }
    const envs = Object.fromEntries(SERVICES.map((s) => [s, environmentOf(compose, s, overrides[s])]));

    // compose's topic job, which every service waits for. The harness's Kafka-protocol broker
    // answers no CreateTopics (it creates topics as they are used), so the job's failure to create
    // them is not fatal here as compose's KAFKA_TOPICS_REQUIRED=true makes it against Kafka.
    execFileSync(process.execPath, ['dist/deploy/kafka/create-topics.js'], {
      cwd: scratch,
      env: environmentOf(compose, 'kafka-topics', { KAFKA_TOPICS_REQUIRED: 'false' }),
      stdio: 'pipe',
      timeout: 60_000,
    });

    // compose's migration jobs, each as its image runs it, before any service starts. The
    // runtime role's name is mapped to the harness's (compose names it custos_<service>).
    const { runtime } = await testDatabaseRoles();
    for (const service of SERVICES) {
      execFileSync(process.execPath, [`dist/services/${service}/src/migrate.js`], {
        cwd: scratch,
        env: environmentOf(compose, `migrate-${service}`, { DATABASE_RUNTIME_ROLE: runtime.name }),
        stdio: 'pipe',
        timeout: 120_000,
      });
    }

    // The registry's demo organisations, officers and cameras (a deployment's admins enter them).
    const seeding = await startTestApp(RegistryAppModule.forRoot(loadConfig(RegistryConfig, envs.registry)), { service: 'registry', port: 0 });
    try {
      await seeding.app.get(RegistryDemoSeeder, { strict: false }).seed();
    } finally {
      await seeding.app.close();
    }

    // The registry first: the operator registers the services' event keys (issue 16) before they
    // publish, as README's cluster section says, with the script it names.
    start('registry', envs.registry);
    await ready(['registry']);
    await promisify(execFile)('bash', [path.join(ROOT, 'deploy/docker/register-event-keys.sh')], {
      env: {
        PATH: process.env.PATH ?? '',
        CUSTOS_SECRETS_DIR: path.join(scratch, 'secrets'),
        CUSTOS_REGISTRY_URL: urlOf('registry'),
        CUSTOS_OPERATOR_TOKEN: (await signInWithPkce(issuer, 'ops.shaanxi')).accessToken,
      },
    });
    const others = SERVICES.filter((s) => s !== 'registry');
    for (const service of others) start(service, envs[service]);
    await ready(others);
  });

  async function ready(services: readonly string[]): Promise<void> {
    let notReady: readonly string[] = [];
    await waitFor(
      `${services.join(', ')} ready`,
      async () => {
        for (const [service, { child }] of processes) {
          if (child.exitCode !== null) throw new Error(`${service} exited (${child.exitCode}):\n${logOf(service)}`);
        }
        const statuses = await Promise.all(services.map((s) => readiness(urlOf(s))));
        notReady = services.filter((_, i) => statuses[i] !== 200);
        return notReady.length === 0 ? true : undefined;
      },
      // Seven Node processes starting at once on a shared two-core runner take a while.
      180_000,
      250,
    ).catch((error: Error) => {
      // Which service is not ready, and what it said.
      throw new Error(`${error.message}; not ready: ${notReady.map((s) => `${s}:\n${logOf(s)}`).join('\n')}`);
    });
  }

  afterAll(async () => {
    await Promise.all(
      [...processes.values()].map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await bus?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('runs each service as the image does, with no static service token and no development issuer', () => {
    for (const service of SERVICES) {
      const env = environmentOf(renderCompose(), service, {});
      expect([service, env.EMBEDDED_MODE, 'SERVICE_TOKEN' in env]).toEqual([service, 'false', false]);
      // On the bus as its own SCRAM user over TLS (issue 16): the front refuses anything else.
      expect([service, env.KAFKA_SSL, env.KAFKA_SASL_MECHANISM, env.KAFKA_SASL_USERNAME]).toEqual([service, 'true', 'scram-sha-512', `custos-${service}`]);
    }
    expect(processes.get('registry')?.child.spawnargs.slice(1)).toEqual(['dist/services/registry/src/main.js']);
  });

  it("runs each service as its database's runtime role, the owner's credentials given to its migration job only (issue 19)", async () => {
    const { owner, runtime } = await testDatabaseRoles();
    for (const service of SERVICES) {
      const env = environmentOf(renderCompose(), service, {});
      expect([service, new URL(env.DATABASE_URL).username]).toEqual([service, runtime.name]);
      expect(Object.values(env).some((value) => value.includes(owner.password))).toBe(false);
      const job = environmentOf(renderCompose(), `migrate-${service}`, {});
      expect([service, new URL(job.DATABASE_URL).username]).toEqual([service, owner.name]);
    }
  });

  it('takes a co-signed COPY through the Yanta head to the officer and the owner queue, every call between services by client credentials (R17.3, R18.1, R18.5)', async () => {
    const { fileAndCoSign, inApprovalQueue, requestIn, ownerQueueItem } = steps();
    const id = await fileAndCoSign('COPY', `${run}-COPY`);
    await waitFor('the approval case through Kafka', () => inApprovalQueue(id), 30_000, 250);
    const approved = await (await as('head.yanta')).post<{ signedDocument: { document: { number: string } } }>(`${urlOf('approvals')}/v1/approval-cases/${id}/approve`, {});
    const documentNumber = approved.signedDocument.document.number;
    const view = await waitFor('the decision back through Kafka', () => requestIn(id, 'APPROVED'), 30_000, 250);
    expect(view.decision).toMatchObject({ decision: 'APPROVED', documentNumber, approver: { personId: 'person-head-yanta', organisationId: 'org-psb-yanta' } });
    const item = await waitFor('the approved request in the owner queue', async () => {
      const found = await ownerQueueItem(id);
      return found?.status === 'APPROVED' ? found : undefined;
    }, 30_000, 250);
    expect(item).toMatchObject({ kind: 'COPY', credentialNumbers: ['61011300101', '61011300102'], decision: { decision: 'APPROVED', documentNumber } });
  });

  it("plays a co-signed VIEW's footage to its two officers: the owner ingests and opens the session, custody reads the segments from storage with its client's footage scope (R17.1, R18.1, R18.4, R3.1)", async () => {
    // The demo viewing's steps: officer.li files, officer.zhang co-signs, operator.mall ingests the clips and opens the session.
    await seedDemoViewing(as, urlOf('requests'), urlOf('storage'), urlOf('custody'));
    const custody = urlOf('custody');
    const { items: sessions } = await (await as('operator.mall')).get<{ items: { sessionId: string; status: string }[] }>(`${custody}/v1/viewing-sessions`);
    const session = sessions.find((s) => s.status === 'OPEN');
    expect(session).toBeDefined();
    for (const officer of ['officer.li', 'officer.zhang']) await (await as(officer)).post(`${custody}/v1/viewing-sessions/${session!.sessionId}/join`, {});
    const links = await (await as('officer.li')).get<{ segments: { url: string; sizeBytes: number }[] }>(`${custody}/v1/viewing-sessions/${session!.sessionId}/playback-links`);
    expect(links.segments.length).toBeGreaterThan(0);
    const played = await fetch(`${custody}/v1/viewing-sessions/${session!.sessionId}/${links.segments[0].url}`, { headers: { range: 'bytes=0-99' } });
    expect([played.status, (await played.arrayBuffer()).byteLength]).toEqual([206, 100]);
  });

  it("signs each service's events with its own key, registered by the operator; readers require signatures and pin the registry's key (issue 16)", async () => {
    const secretsDir = path.join(scratch, 'secrets');
    const registryPin = fs.readFileSync(path.join(secretsDir, 'event-trusted-keys'), 'utf8');
    for (const service of SERVICES) {
      const env = environmentOf(renderCompose(), service, {});
      const signer = EnvelopeSigner.fromSetting(service, env.EVENT_SIGNING_KEY);
      expect([service, env.EVENT_SIGNATURES, env.EVENT_TRUSTED_KEYS]).toEqual([service, 'required', service === 'registry' ? undefined : registryPin]);
      expect(fs.readFileSync(path.join(secretsDir, 'event-trusted-keys-all'), 'utf8').split(',')).toContain(signer.trustedKeyEntry);
    }
    const { keys } = await (await as('officer.li')).get<{ keys: { service: string; kid: string; revokedAt?: string }[] }>(`${urlOf('registry')}/v1/event-keys`);
    const expected = fs.readFileSync(path.join(secretsDir, 'event-trusted-keys-all'), 'utf8').split(',').map((entry) => entry.split(':').slice(0, 2));
    expect(keys.map((k) => [k.service, k.kid]).sort()).toEqual(expected.sort());
  });

  it('refuses a person whose provider gives no Custos role (R3.1)', async () => {
    const { accessToken } = await signInWithPkce(issuer, 'nobody.roles');
    const refused = await fetch(`${urlOf('requests')}/v1/requests/mine`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([401, 'CUSTOS_AUTH_CLAIMS_INVALID']);
  });
});
