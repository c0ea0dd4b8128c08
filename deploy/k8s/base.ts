// The Kustomize base (deploy/k8s/base/*.yaml), written from this table so that the eight
// workloads cannot drift apart: `node -r @swc-node/register deploy/k8s/base.ts` rewrites the
// files, and deploy/k8s.spec.ts fails while they are stale. The files are plain manifests:
// `kubectl apply -k deploy/k8s/overlays/<dev|production>` needs nothing but kubectl.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { REALM_CLAIM_SETTINGS } from '../docker/keycloak/claim-settings';

export const BASE_DIR = path.join(__dirname, 'base');
const PART_OF = { 'app.kubernetes.io/part-of': 'custos' };

type EnvVar =
  | { name: string; value: string }
  | { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } }
  | { name: string; valueFrom: { configMapKeyRef: { name: string; key: string } } };

const value = (name: string, v: string): EnvVar => ({ name, value: v });
const fromSecret = (name: string, secret: string, key = name): EnvVar => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
const fromConfig = (name: string, configMap: string, key = name): EnvVar => ({ name, valueFrom: { configMapKeyRef: { name: configMap, key } } });

export interface Workload {
  readonly name: string;
  readonly port: number;
  /** The Custos services it calls over HTTP (its *_URL settings): the NetworkPolicies allow exactly these. */
  readonly calls: readonly string[];
  /** Besides Kafka and Postgres (every service): the S3 store. */
  readonly s3?: boolean;
  readonly env: readonly EnvVar[];
}

const url = (service: string): EnvVar => value(`${service.toUpperCase()}_URL`, `http://${service}:${PORTS[service]}`);
/** Metrics, the OpenAPI document and readiness details (MANAGEMENT_PORT, issue 16): for Prometheus only. */
const MANAGEMENT_PORT = 9464;
const PORTS: Record<string, number> = { registry: 3001, requests: 3002, approvals: 3003, custody: 3004, storage: 3005, ledger: 3006, oversight: 3007 };
/** A calling service's client at Keycloak (client credentials): its id, and its secret from its own Secret. */
const serviceClient = (service: string): EnvVar[] => [
  value('CUSTOS_AUTH_CLIENT_ID', `custos-${service}`),
  fromSecret('CUSTOS_AUTH_CLIENT_SECRET', `custos-oidc-${service}`),
];
const s3Connection = [
  fromConfig('S3_ENDPOINT', 'custos-s3'),
  fromConfig('S3_REGION', 'custos-s3'),
  fromSecret('S3_ACCESS_KEY', 'custos-s3'),
  fromSecret('S3_SECRET_KEY', 'custos-s3'),
];

/** The seven services: what each one calls is read from its config class (REGISTRY_URL, …). */
export const SERVICE_WORKLOADS: readonly Workload[] = [
  { name: 'registry', port: 3001, calls: [], env: [] },
  { name: 'requests', port: 3002, calls: ['registry'], env: [url('registry'), ...serviceClient('requests')] },
  {
    name: 'approvals',
    port: 3003,
    calls: ['registry'],
    env: [url('registry'), ...serviceClient('approvals'), fromSecret('APPROVALS_KEY_ENCRYPTION_SECRET', 'custos-approvals-keys')],
  },
  {
    name: 'custody',
    port: 3004,
    // LEDGER_URL: approving organs' keys are trusted as the ledger recorded them (issue 16).
    calls: ['registry', 'approvals', 'storage', 'ledger'],
    env: [url('registry'), url('approvals'), url('storage'), url('ledger'), ...serviceClient('custody'), fromSecret('CUSTODY_LINK_SECRET', 'custos-custody-links')],
  },
  {
    name: 'storage',
    port: 3005,
    calls: ['registry', 'approvals', 'ledger'],
    s3: true,
    env: [
      value('STORAGE_DRIVER', 's3'),
      ...s3Connection,
      value('S3_BUCKET_FOOTAGE', 'custos-footage'),
      value('RETENTION_DAYS', '30'),
      url('registry'),
      url('approvals'),
      // Approving organs' keys as the ledger recorded them (issue 16).
      url('ledger'),
      ...serviceClient('storage'),
      fromSecret('EXPORT_SIGNING_KEY', 'custos-storage-signing'),
    ],
  },
  {
    name: 'ledger',
    port: 3006,
    calls: [],
    s3: true,
    env: [
      fromSecret('LEDGER_SIGNER_KEY', 'custos-ledger-signer'),
      value('LEDGER_CHECKPOINT_DRIVER', 's3'),
      ...s3Connection,
      value('S3_BUCKET_CHECKPOINTS', 'custos-ledger-checkpoints'),
    ],
  },
  // Oversight (issue 20) reads every topic and calls no service; its anomaly thresholds keep their defaults.
  { name: 'oversight', port: 3007, calls: [], env: [] },
];

/** The console gateway (services/console/src/main.ts): the web app and /api/<service>/… */
export const CONSOLE_WORKLOAD: Workload = {
  name: 'console',
  port: 3000,
  calls: SERVICE_WORKLOADS.map((s) => s.name),
  env: [
    value('CONSOLE_PORT', '3000'),
    value('CONSOLE_HOST', '0.0.0.0'),
    value('CONSOLE_AUTH_MODE', 'oidc'),
    fromConfig('CONSOLE_OIDC_ISSUER', 'custos-common', 'CUSTOS_AUTH_ISSUER'),
    value('CONSOLE_OIDC_CLIENT_ID', 'custos-console'),
    ...SERVICE_WORKLOADS.map((s) => url(s.name)),
  ],
};

const labelsOf = (name: string, component: string) => ({ 'app.kubernetes.io/name': name, ...PART_OF, 'app.kubernetes.io/component': component });
const selectorOf = (name: string) => ({ 'app.kubernetes.io/name': name });
const image = (name: string) => `custos/${name === 'console' ? 'console' : name}:0.1.0`;
const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};
/**
 * The bus's user (issue 16): TLS with the CA of Secret `custos-kafka-ca` and SCRAM as
 * `custos-<user>`, its password from Secret `custos-kafka-<user>` (KAFKA_SSL and the mechanism
 * are in custos-common).
 */
const kafkaUser = (user: string): EnvVar[] => [
  fromSecret('KAFKA_SSL_CA', 'custos-kafka-ca'),
  value('KAFKA_SASL_USERNAME', `custos-${user}`),
  fromSecret('KAFKA_SASL_PASSWORD', `custos-kafka-${user}`),
];
/**
 * Signed events (issue 16): the service's Ed25519 key from Secret `custos-event-signing-<service>`;
 * the readers' pins from Secret `custos-event-trust`: the registry's public key (the bootstrap
 * pin; the others' keys come from the registry), every service's for oversight, which calls no
 * service. The registry reads no events. EVENT_SIGNATURES=required is in custos-common.
 */
const eventKeys = (service: string): EnvVar[] => [
  fromSecret('EVENT_SIGNING_KEY', `custos-event-signing-${service}`),
  ...(service === 'registry' ? [] : [fromSecret('EVENT_TRUSTED_KEYS', 'custos-event-trust', service === 'oversight' ? 'ALL' : 'EVENT_TRUSTED_KEYS')]),
];
/** What the topic job and the services' init containers (`create-topics.js`) read, as `user` on the bus. */
const topicsEnv = (user: string): EnvVar[] => [
  ...['KAFKA_BROKERS', 'KAFKA_TOPIC_PREFIX', 'KAFKA_SSL', 'KAFKA_SASL_MECHANISM'].map((name) => fromConfig(name, 'custos-common')),
  ...kafkaUser(user),
];

function deployment(w: Workload, component: 'service' | 'console') {
  const isService = component === 'service';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.name, labels: labelsOf(w.name, component) },
    spec: {
      replicas: 2,
      selector: { matchLabels: selectorOf(w.name) },
      template: {
        metadata: { labels: labelsOf(w.name, component) },
        spec: {
          // Longer than SHUTDOWN_TIMEOUT_MS, so the service's own deadline comes first.
          terminationGracePeriodSeconds: 20,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          topologySpreadConstraints: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
            maxSkew: 1,
            topologyKey,
            whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: { matchLabels: selectorOf(w.name) },
          })),
          // A service starts only once the topic Job made the topics (auto-creation is off) and
          // its migration Job migrated its database (checked as the runtime role, issue 19).
          ...(isService
            ? {
                initContainers: [
                  {
                    name: 'wait-for-topics',
                    image: image(w.name),
                    command: ['node', 'dist/deploy/kafka/create-topics.js', '--check'],
                    env: topicsEnv(w.name),
                    resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { memory: '192Mi' } },
                    securityContext: RESTRICTED_CONTAINER,
                  },
                  {
                    name: 'wait-for-migrations',
                    image: image(w.name),
                    command: ['node', `dist/services/${w.name}/src/migrate.js`, '--check'],
                    env: [fromSecret('DATABASE_URL', `custos-${w.name}-db`)],
                    resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { memory: '192Mi' } },
                    securityContext: RESTRICTED_CONTAINER,
                  },
                ],
              }
            : {}),
          containers: [
            {
              name: w.name,
              image: image(w.name),
              ports: [{ name: 'http', containerPort: w.port }, ...(isService ? [{ name: 'management', containerPort: MANAGEMENT_PORT }] : [])],
              ...(isService ? { envFrom: [{ configMapRef: { name: 'custos-common' } }] } : {}),
              env: [
                ...(isService
                  ? [value('PORT', String(w.port)), value('MANAGEMENT_PORT', String(MANAGEMENT_PORT)), fromSecret('DATABASE_URL', `custos-${w.name}-db`), ...kafkaUser(w.name), ...eventKeys(w.name)]
                  : []),
                ...w.env,
              ],
              startupProbe: { httpGet: { path: isService ? '/health/live' : '/', port: 'http' }, periodSeconds: 2, failureThreshold: 30 },
              livenessProbe: { httpGet: { path: isService ? '/health/live' : '/', port: 'http' }, periodSeconds: 10, failureThreshold: 3 },
              readinessProbe: {
                httpGet: { path: isService ? '/health/ready' : '/', port: 'http' },
                periodSeconds: 5,
                timeoutSeconds: 4,
                failureThreshold: 2,
              },
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
              securityContext: RESTRICTED_CONTAINER,
              // The only writable place: the temp dir (the image runs code compiled ahead).
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }],
        },
      },
    },
  };
}

function serviceOf(w: Workload, component: string) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: w.name, labels: labelsOf(w.name, component) },
    spec: {
      type: 'ClusterIP',
      selector: selectorOf(w.name),
      ports: [
        { name: 'http', port: w.port, targetPort: 'http' },
        ...(component === 'service' ? [{ name: 'management', port: MANAGEMENT_PORT, targetPort: 'management' }] : []),
      ],
    },
  };
}

function disruptionBudget(w: Workload) {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: w.name, labels: { ...selectorOf(w.name), ...PART_OF } },
    spec: { minAvailable: 1, selector: { matchLabels: selectorOf(w.name) } },
  };
}

function autoscaler(w: Workload) {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: w.name, labels: { ...selectorOf(w.name), ...PART_OF } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: w.name },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  };
}

/**
 * Where the servers outside these manifests run: namespaces by name (the overlays and
 * README.md say how to point them elsewhere, e.g. an ipBlock for a managed database).
 */
export const EXTERNAL = {
  postgres: { namespace: 'postgres', port: 5432 },
  kafka: { namespace: 'kafka', port: 9092 },
  s3: { namespace: 's3', port: 7480 },
  keycloak: { namespace: 'keycloak', port: 8080 },
  ingress: { namespace: 'ingress-nginx' },
  monitoring: { namespace: 'monitoring' },
} as const;

const inNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } });
const tcp = (port: number | string) => ({ protocol: 'TCP', port });

function networkPolicies(workloads: readonly Workload[]) {
  const policy = (name: string, spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, labels: PART_OF }, spec });
  const callersOf = (name: string) => workloads.filter((w) => w.calls.includes(name)).map((w) => w.name);
  return [
    // Nothing in or out unless a policy below allows it.
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ...inNamespace('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, tcp(53)] }],
    }),
    ...workloads.flatMap((w) => {
      const isConsole = w.name === 'console';
      const from = [
        ...callersOf(w.name).map((caller) => ({ podSelector: { matchLabels: selectorOf(caller) } })),
        ...(isConsole ? [inNamespace(EXTERNAL.ingress.namespace)] : []),
      ];
      // Prometheus reaches a service's management port only; callers its service port only. An
      // empty `from` would admit everyone, so a service no one calls has no such rule.
      const ingress = [
        ...(from.length > 0 ? [{ from, ports: [tcp('http')] }] : []),
        ...(isConsole ? [] : [{ from: [inNamespace(EXTERNAL.monitoring.namespace)], ports: [tcp('management')] }]),
      ];
      const egress = [
        ...w.calls.map((callee) => ({ to: [{ podSelector: { matchLabels: selectorOf(callee) } }], ports: [tcp(PORTS[callee])] })),
        ...(isConsole
          ? []
          : [
              { to: [inNamespace(EXTERNAL.postgres.namespace)], ports: [tcp(EXTERNAL.postgres.port)] },
              { to: [inNamespace(EXTERNAL.kafka.namespace)], ports: [tcp(EXTERNAL.kafka.port)] },
              // The token signing keys (CUSTOS_AUTH_JWKS_URL) and the token endpoint (client credentials).
              { to: [inNamespace(EXTERNAL.keycloak.namespace)], ports: [tcp(EXTERNAL.keycloak.port)] },
            ]),
        ...(w.s3 ? [{ to: [inNamespace(EXTERNAL.s3.namespace)], ports: [tcp(EXTERNAL.s3.port)] }] : []),
      ];
      return [
        policy(`${w.name}-ingress`, { podSelector: { matchLabels: selectorOf(w.name) }, policyTypes: ['Ingress'], ingress }),
        policy(`${w.name}-egress`, { podSelector: { matchLabels: selectorOf(w.name) }, policyTypes: ['Egress'], egress }),
      ];
    }),
    policy('kafka-topics-egress', {
      podSelector: { matchLabels: selectorOf('kafka-topics') },
      policyTypes: ['Egress'],
      egress: [{ to: [inNamespace(EXTERNAL.kafka.namespace)], ports: [tcp(EXTERNAL.kafka.port)] }],
    }),
    // The migration Jobs reach Postgres only.
    ...workloads
      .filter((w) => w.name !== 'console')
      .map((w) =>
        policy(`migrate-${w.name}-egress`, {
          podSelector: { matchLabels: selectorOf(`migrate-${w.name}`) },
          policyTypes: ['Egress'],
          egress: [{ to: [inNamespace(EXTERNAL.postgres.namespace)], ports: [tcp(EXTERNAL.postgres.port)] }],
        }),
      ),
  ];
}

const KEYCLOAK_REALM_URL = `http://keycloak.${EXTERNAL.keycloak.namespace}.svc:${EXTERNAL.keycloak.port}/auth/realms/custos`;

function configMaps() {
  const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: PART_OF }, data });
  return [
    // Read by every service (envFrom): the settings of CommonConfig only, no secrets.
    configMap('custos-common', {
      EMBEDDED_MODE: 'false',
      EVENT_BUS: 'kafka',
      KAFKA_BROKERS: `kafka-bootstrap.${EXTERNAL.kafka.namespace}.svc:${EXTERNAL.kafka.port}`,
      KAFKA_TOPIC_PREFIX: '',
      // The brokers' listener: TLS and SCRAM-SHA-512, each service its own user (issue 16).
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      // Readers refuse an unsigned event (issue 16).
      EVENT_SIGNATURES: 'required',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '10000',
      // Tokens name the public address (`iss`); keys and service tokens are fetched inside.
      CUSTOS_AUTH_ISSUER: 'https://custos.example.org/auth/realms/custos',
      CUSTOS_AUTH_AUDIENCE: 'custos',
      CUSTOS_AUTH_JWKS_URL: `${KEYCLOAK_REALM_URL}/protocol/openid-connect/certs`,
      CUSTOS_AUTH_TOKEN_URL: `${KEYCLOAK_REALM_URL}/protocol/openid-connect/token`,
      ...REALM_CLAIM_SETTINGS,
    }),
    configMap('custos-s3', { S3_ENDPOINT: `http://rgw.${EXTERNAL.s3.namespace}.svc:${EXTERNAL.s3.port}`, S3_REGION: 'us-east-1' }),
    // The topic Job's settings; the overlays set replication and min.insync.replicas.
    configMap('custos-kafka-topics', { KAFKA_PARTITIONS: '12', KAFKA_REPLICATION: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' }),
  ];
}

function topicJob() {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'kafka-topics', labels: labelsOf('kafka-topics', 'deploy-job') },
    spec: {
      backoffLimit: 20,
      // Removed an hour after it finished, so that the next `kubectl apply -k` runs it again
      // (a Job's template cannot be changed in place; the job itself is idempotent).
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels: labelsOf('kafka-topics', 'deploy-job') },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'kafka-topics',
              image: image('registry'),
              command: ['node', 'dist/deploy/kafka/create-topics.js'],
              envFrom: [{ configMapRef: { name: 'custos-kafka-topics' } }],
              env: [...topicsEnv('topics'), value('KAFKA_TOPICS_REQUIRED', 'true')],
              resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { memory: '192Mi' } },
              securityContext: RESTRICTED_CONTAINER,
            },
          ],
        },
      },
    },
  };
}

/**
 * A service's migration Job (issue 19): its own image runs its migrations as the database's
 * owner role (Secret `custos-<service>-db-owner`, given to this Job only), granting the runtime
 * role `custos_<service>` (the one in `custos-<service>-db`) what it may do to each table. The
 * service's init container waits until the migrations it needs are applied.
 */
function migrationJob(w: Workload) {
  const name = `migrate-${w.name}`;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: labelsOf(name, 'deploy-job') },
    spec: {
      backoffLimit: 20,
      // As the topic Job: removed an hour after it finished, so that the next apply runs it again.
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels: labelsOf(name, 'deploy-job') },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'migrate',
              image: image(w.name),
              command: ['node', `dist/services/${w.name}/src/migrate.js`],
              env: [fromSecret('DATABASE_URL', `custos-${w.name}-db-owner`), value('DATABASE_RUNTIME_ROLE', `custos_${w.name}`)],
              resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
              securityContext: RESTRICTED_CONTAINER,
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

function ingress() {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'custos',
      labels: PART_OF,
      // cert-manager issues the certificate of spec.tls (the overlay names the issuer and host).
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt', 'nginx.ingress.kubernetes.io/proxy-body-size': '0' },
    },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['custos.example.org'], secretName: 'custos-tls' }],
      rules: [
        {
          host: 'custos.example.org',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'console', port: { name: 'http' } } } }] },
        },
      ],
    },
  };
}

function serviceMonitor() {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'custos-services', labels: PART_OF },
    spec: {
      selector: { matchLabels: { ...PART_OF, 'app.kubernetes.io/component': 'service' } },
      endpoints: [{ port: 'management', path: '/metrics', interval: '30s' }],
    },
  };
}

/** File name → its documents, in order. */
export function baseFiles(): Map<string, object[]> {
  const files = new Map<string, object[]>();
  files.set('config.yaml', configMaps());
  for (const w of SERVICE_WORKLOADS) {
    files.set(`${w.name}.yaml`, [deployment(w, 'service'), serviceOf(w, 'service'), disruptionBudget(w), autoscaler(w)]);
  }
  files.set('console.yaml', [deployment(CONSOLE_WORKLOAD, 'console'), serviceOf(CONSOLE_WORKLOAD, 'console'), disruptionBudget(CONSOLE_WORKLOAD), autoscaler(CONSOLE_WORKLOAD)]);
  files.set('kafka-topics-job.yaml', [topicJob()]);
  files.set('migration-jobs.yaml', SERVICE_WORKLOADS.map(migrationJob));
  files.set('network-policies.yaml', networkPolicies([...SERVICE_WORKLOADS, CONSOLE_WORKLOAD]));
  files.set('ingress.yaml', [ingress()]);
  files.set('service-monitor.yaml', [serviceMonitor()]);
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [...files.keys()],
  };
  files.set('kustomization.yaml', [kustomization]);
  return files;
}

const HEADER = '# Written by deploy/k8s/base.ts (node -r @swc-node/register deploy/k8s/base.ts); edit that file.\n';

export function renderBaseFile(documents: readonly object[]): string {
  return HEADER + documents.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

if (require.main === module) {
  fs.mkdirSync(BASE_DIR, { recursive: true });
  for (const [file, documents] of baseFiles()) fs.writeFileSync(path.join(BASE_DIR, file), renderBaseFile(documents));
}
