import { CommonConfig, kafkaSecurityOf, loadConfig, settingsOf } from '@custos/platform';
import { SERVICES } from '@custos/contracts';
import path from 'node:path';
import { ApprovalsConfig } from '../services/approvals/src/approvals.config';
import { consoleSettings } from '../services/console/src/console.config';
import { CustodyConfig } from '../services/custody/src/custody.config';
import { LedgerConfig } from '../services/ledger/src/ledger.config';
import { OversightConfig } from '../services/oversight/src/oversight.config';
import { RegistryConfig } from '../services/registry/src/registry.config';
import { RequestsConfig } from '../services/requests/src/requests.config';
import { StorageConfig } from '../services/storage/src/storage.config';
import { renderCompose } from './compose.test-support';
import { K8sObject, kustomizeBuild } from './k8s/kustomize.test-support';

/**
 * What each deployment hands each service, checked against the service's own config class
 * (its @Setting metadata and class-validator rules, libs/platform/src/config): every setting
 * the cluster mode needs is provided, the result passes the service's validation, nothing it
 * does not read is passed, and every secret comes from a secret (a compose secret file, a
 * Kubernetes Secret), never a plain value.
 */
const CONFIG_CLASSES: Record<string, new () => CommonConfig> = {
  registry: RegistryConfig,
  requests: RequestsConfig,
  approvals: ApprovalsConfig,
  custody: CustodyConfig,
  storage: StorageConfig,
  ledger: LedgerConfig,
  oversight: OversightConfig,
};
/** What the cluster mode chooses, beyond EMBEDDED_MODE=false and EVENT_BUS=kafka. */
const CLUSTER_CHOICES: Record<string, Record<string, string>> = {
  storage: { STORAGE_DRIVER: 's3' },
  ledger: { LEDGER_CHECKPOINT_DRIVER: 's3' },
};
/** Settings whose embedded default is a local address but that the cluster's choices make unused. */
const UNUSED_IN_CLUSTER = new Set(['EVENT_BUS_DATABASE_URL']);
/** The console gateway's settings (services/console/src/console.config.ts, main.ts, the image's ENV). */
const CONSOLE_SETTINGS = new Set([
  'CONSOLE_PORT',
  'CONSOLE_HOST',
  'CONSOLE_AUTH_MODE',
  'CONSOLE_OIDC_ISSUER',
  'CONSOLE_OIDC_CLIENT_ID',
  'CONSOLE_OIDC_SCOPE',
  'CONSOLE_TIME_ZONE',
  'CONSOLE_WEB_ROOT',
  'CHROMIUM_PATH',
  ...SERVICES.map((s) => `${s.toUpperCase()}_URL`),
]);

/** A value of the right shape for a secret the test cannot know. */
const SECRET_SAMPLES: Record<string, string> = {
  DATABASE_URL: 'postgres://custos:sample@postgres:5432/custos_sample',
};
const sampleSecret = (name: string): string => SECRET_SAMPLES[name] ?? 'sample-secret-value-at-least-forty-characters-long';

/** One service's environment as a deployment gives it: value, and where it comes from. */
type Environment = Map<string, { value: string; fromSecret: boolean }>;

export function settingProblems(service: string, env: Environment): string[] {
  const configClass = CONFIG_CLASSES[service];
  const settings = settingsOf(configClass);
  const known = new Set(settings.map((s) => s.name));
  const problems: string[] = [];
  for (const name of env.keys()) if (!known.has(name)) problems.push(`${name} is passed but ${service} does not read it`);
  const defaults = new configClass() as unknown as Record<string, unknown>;
  for (const s of settings) {
    const given = env.get(s.name);
    if (s.secret && given && !given.fromSecret) problems.push(`${s.name} is a secret but given as a plain value`);
    if (!given && !UNUSED_IN_CLUSTER.has(s.name) && /127\.0\.0\.1|localhost/.test(String(defaults[s.name]))) {
      problems.push(`${s.name} is not provided: its default (${String(defaults[s.name])}) only works on one machine`);
    }
  }
  const expected = { EMBEDDED_MODE: 'false', EVENT_BUS: 'kafka', ...CLUSTER_CHOICES[service] };
  for (const [name, value] of Object.entries(expected)) {
    if (env.get(name)?.value !== value) problems.push(`${name} must be ${value} (given ${env.get(name)?.value ?? 'nothing'})`);
  }
  try {
    const config = loadConfig(configClass, Object.fromEntries([...env].map(([k, v]) => [k, v.value])));
    // The bus's TLS and SASL settings fit together, and the cluster uses both (issue 16).
    const bus = kafkaSecurityOf(config);
    if (!bus.tls || !bus.sasl) problems.push('the bus must be reached over TLS with SASL (KAFKA_SSL, KAFKA_SASL_MECHANISM)');
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}

function composeEnvironment(service: string): Environment {
  const compose = renderCompose();
  const definition = compose.services[service];
  if (!definition) throw new Error(`docker-compose.yml has no service ${service}`);
  const env: Environment = new Map();
  for (const [name, raw] of Object.entries(definition.environment ?? {})) {
    const value = String(raw);
    const secret = /^\/run\/secrets\/(.+)$/.exec(value)?.[1];
    if (name.endsWith('_FILE') && secret !== undefined) {
      // The images' entrypoint (deploy/docker/env-from-files.sh) turns NAME_FILE into NAME.
      if (!(definition.secrets ?? []).includes(secret)) throw new Error(`${service}: ${name} names ${secret}, not one of its secrets`);
      if (!compose.secrets[secret]?.file) throw new Error(`${service}: secret ${secret} is not declared as a file`);
      const setting = name.slice(0, -'_FILE'.length);
      env.set(setting, { value: sampleSecret(setting), fromSecret: true });
    } else env.set(name, { value, fromSecret: false });
  }
  return env;
}

function podEnvironment(objects: readonly K8sObject[], name: string): Environment {
  const configMap = (cm: string) => {
    const found = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === cm) as { data?: Record<string, string> } | undefined;
    if (!found) throw new Error(`ConfigMap ${cm} is referred to but not rendered`);
    return found.data ?? {};
  };
  type Container = {
    envFrom?: { configMapRef?: { name: string } }[];
    env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: object; configMapKeyRef?: { name: string; key: string } } }[];
  };
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name) as
    | { spec: { template: { spec: { containers: Container[] } } } }
    | undefined;
  if (!deployment) throw new Error(`no Deployment ${name}`);
  const [container] = deployment.spec.template.spec.containers;
  const env: Environment = new Map();
  for (const from of container.envFrom ?? []) {
    for (const [k, v] of Object.entries(configMap(from.configMapRef?.name ?? ''))) env.set(k, { value: v, fromSecret: false });
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env.set(e.name, { value: e.value, fromSecret: false });
    else if (e.valueFrom?.secretKeyRef) env.set(e.name, { value: sampleSecret(e.name), fromSecret: true });
    else if (e.valueFrom?.configMapKeyRef) {
      const { name: cm, key } = e.valueFrom.configMapKeyRef;
      const data = configMap(cm);
      if (!(key in data)) throw new Error(`ConfigMap ${cm} has no ${key}`);
      env.set(e.name, { value: data[key], fromSecret: false });
    }
  }
  return env;
}

const OVERLAYS = ['dev', 'production'].map((o) => [o, kustomizeBuild(path.join(__dirname, 'k8s/overlays', o))] as const);
const SOURCES: [string, (service: string) => Environment][] = [
  ['docker-compose.yml', composeEnvironment],
  ...OVERLAYS.map(([overlay, objects]) => [`overlay ${overlay}`, (s: string) => podEnvironment(objects, s)] as [string, (s: string) => Environment]),
];

describe('the settings each deployment gives each service', () => {
  it('covers every service that has events (a new service needs its deployment too)', () => {
    expect(Object.keys(CONFIG_CLASSES).sort()).toEqual([...SERVICES].sort());
  });

  describe.each(SOURCES)('%s', (_source, environmentOf) => {
    it.each(Object.keys(CONFIG_CLASSES))('gives %s every setting the cluster needs, validated by its config class, nothing unknown, secrets from secrets', (service) => {
      expect(settingProblems(service, environmentOf(service))).toEqual([]);
    });
  });

  it.each(SOURCES)('%s: gives the console gateway its sign-in and every upstream, nothing unknown', (source) => {
    const env =
      source === 'docker-compose.yml'
        ? composeEnvironment('console')
        : podEnvironment(OVERLAYS.find(([o]) => source === `overlay ${o}`)![1], 'console');
    expect([...env.keys()].filter((k) => !CONSOLE_SETTINGS.has(k))).toEqual([]);
    const plain = Object.fromEntries([...env].map(([k, v]) => [k, v.value]));
    expect(consoleSettings(plain, { mode: 'embedded' }).client.mode).toBe('oidc');
    for (const s of SERVICES) expect(plain[`${s.toUpperCase()}_URL`]).toMatch(/^http:\/\/[a-z]+:\d+$/);
  });

  it('reports what a deployment lacks or adds (the check can fail)', () => {
    const ledger = composeEnvironment('ledger');
    ledger.delete('LEDGER_SIGNER_KEY');
    ledger.delete('S3_ENDPOINT');
    ledger.set('STORAGE_DRIVER', { value: 's3', fromSecret: false });
    ledger.set('S3_SECRET_KEY', { value: 'in-plain-text', fromSecret: false });
    const problems = settingProblems('ledger', ledger).join('\n');
    expect(problems).toMatch(/STORAGE_DRIVER is passed but ledger does not read it/);
    expect(problems).toMatch(/S3_ENDPOINT is not provided/);
    expect(problems).toMatch(/S3_SECRET_KEY is a secret but given as a plain value/);
    expect(problems).toMatch(/LEDGER_SIGNER_KEY is required when EMBEDDED_MODE=false/);
  });

  it('reports a bus without TLS or SASL, and a SCRAM user without a password (the check can fail)', () => {
    const plain = composeEnvironment('oversight');
    plain.delete('KAFKA_SASL_MECHANISM');
    expect(settingProblems('oversight', plain).join('\n')).toMatch(/the bus must be reached over TLS with SASL/);
    const noPassword = composeEnvironment('oversight');
    noPassword.delete('KAFKA_SASL_PASSWORD');
    expect(settingProblems('oversight', noPassword).join('\n')).toMatch(/KAFKA_SASL_PASSWORD: KAFKA_SASL_MECHANISM=scram-sha-512 needs the user's password/);
  });
});
