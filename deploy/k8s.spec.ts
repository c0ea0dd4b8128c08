import { settingsOf } from '@custos/platform';
import { SERVICES } from '@custos/contracts';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ApprovalsConfig } from '../services/approvals/src/approvals.config';
import { CustodyConfig } from '../services/custody/src/custody.config';
import { LedgerConfig } from '../services/ledger/src/ledger.config';
import { OversightConfig } from '../services/oversight/src/oversight.config';
import { RegistryConfig } from '../services/registry/src/registry.config';
import { RequestsConfig } from '../services/requests/src/requests.config';
import { StorageConfig } from '../services/storage/src/storage.config';
import { BASE_DIR, baseFiles, renderBaseFile } from './k8s/base';
import { K8sObject, kustomizeBuild, readYamlDocuments } from './k8s/kustomize.test-support';

const K8S = path.join(__dirname, 'k8s');
const OVERLAYS = ['dev', 'production'];
const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, kustomizeBuild(path.join(K8S, 'overlays', o))]));
const EXAMPLES = fs.readdirSync(path.join(K8S, 'examples')).map((f) => path.join(K8S, 'examples', f));

/** Problems the Kubernetes OpenAPI schemas (kubernetes-models, an ES module: a child process) find. */
function schemaProblems(objects: readonly unknown[]): string[] {
  const out = execFileSync(process.execPath, [path.join(K8S, 'validate-k8s.mjs')], { input: JSON.stringify(objects), timeout: 120000 });
  return JSON.parse(out.toString()) as string[];
}

const CONFIG_CLASSES = { registry: RegistryConfig, requests: RequestsConfig, approvals: ApprovalsConfig, custody: CustodyConfig, storage: StorageConfig, ledger: LedgerConfig, oversight: OversightConfig };

/** Who calls whom, from the config classes: a `<SERVICE>_URL` setting is a call to that service. */
function callsFromConfig(): string[] {
  const edges: string[] = [];
  for (const [service, configClass] of Object.entries(CONFIG_CLASSES)) {
    for (const { name } of settingsOf(configClass)) {
      const callee = /^([A-Z]+)_URL$/.exec(name)?.[1]?.toLowerCase();
      if (callee && (SERVICES as readonly string[]).includes(callee)) edges.push(`${service}->${callee}`);
    }
  }
  // The console gateway forwards /api/<service>/… to each of the seven (services/console/src/main.ts).
  for (const callee of SERVICES) edges.push(`console->${callee}`);
  return edges.sort();
}

type Policy = K8sObject & {
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    policyTypes: string[];
    ingress?: { from: { podSelector?: { matchLabels: Record<string, string> } }[] }[];
    egress?: { to: { podSelector?: { matchLabels: Record<string, string> } }[] }[];
  };
};
const NAME = 'app.kubernetes.io/name';

function allowedCalls(objects: readonly K8sObject[]): { egress: string[]; ingress: string[] } {
  const policies = objects.filter((o): o is Policy => o.kind === 'NetworkPolicy');
  const egress: string[] = [];
  const ingress: string[] = [];
  for (const p of policies) {
    const self = p.spec.podSelector.matchLabels?.[NAME];
    for (const rule of p.spec.egress ?? []) for (const to of rule.to) if (to.podSelector && self) egress.push(`${self}->${to.podSelector.matchLabels[NAME]}`);
    for (const rule of p.spec.ingress ?? []) for (const from of rule.from) if (from.podSelector && self) ingress.push(`${from.podSelector.matchLabels[NAME]}->${self}`);
  }
  return { egress: egress.sort(), ingress: ingress.sort() };
}

type PodSpec = {
  securityContext: { runAsNonRoot: boolean };
  topologySpreadConstraints?: { topologyKey: string; whenUnsatisfiable: string }[];
  initContainers?: { command: string[] }[];
  containers: { image: string; securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean }; env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string } } }[] }[];
};
const podSpecOf = (o: K8sObject) => (o.spec as { template: { spec: PodSpec } }).template.spec;
const find = (objects: readonly K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('the Kubernetes manifests (deploy/k8s)', () => {
  it('has the base written from deploy/k8s/base.ts, unchanged since', () => {
    const files = baseFiles();
    expect(fs.readdirSync(BASE_DIR).sort()).toEqual([...files.keys()].sort());
    for (const [file, documents] of files) expect([file, fs.readFileSync(path.join(BASE_DIR, file), 'utf8')]).toEqual([file, renderBaseFile(documents)]);
  });

  it('renders each overlay and the examples valid against the Kubernetes schemas', () => {
    const examples = EXAMPLES.flatMap((f) => readYamlDocuments(f));
    expect(schemaProblems([...rendered.dev, ...rendered.production, ...examples])).toEqual([]);
  });

  it('reports an object the schemas refuse (the check can fail)', () => {
    const broken = structuredClone(find(rendered.production, 'Deployment', 'ledger')) as K8sObject & { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    const monitor = structuredClone(find(rendered.production, 'ServiceMonitor', 'custos-services')) as K8sObject & { spec: Record<string, unknown> };
    monitor.spec.endpoint = [];
    expect(schemaProblems([broken, monitor])).toEqual([expect.stringMatching(/Deployment\/ledger: .*replicas must be integer/), expect.stringMatching(/ServiceMonitor\/custos-services: .*additional properties/)]);
  });

  describe.each(OVERLAYS)('overlay %s', (overlay) => {
    const objects = rendered[overlay];
    const deployments = objects.filter((o) => o.kind === 'Deployment');

    it('puts everything in the overlay namespace', () => {
      const namespace = objects.find((o) => o.kind === 'Namespace')!.metadata.name;
      expect(objects.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== namespace)).toEqual([]);
    });

    it('runs every service and the console, each with a disruption budget, a CPU autoscaler and spread across nodes and zones', () => {
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...SERVICES, 'console'].sort());
      for (const d of deployments) {
        const name = d.metadata.name;
        expect([name, !!find(objects, 'PodDisruptionBudget', name), !!find(objects, 'Service', name)]).toEqual([name, true, true]);
        const hpa = find(objects, 'HorizontalPodAutoscaler', name) as { spec: { metrics: { resource: { name: string } }[] } } | undefined;
        expect([name, hpa?.spec.metrics[0].resource.name]).toEqual([name, 'cpu']);
        expect([name, podSpecOf(d).topologySpreadConstraints?.map((t) => t.topologyKey)]).toEqual([name, ['topology.kubernetes.io/zone', 'kubernetes.io/hostname']]);
      }
    });

    it('runs every container as non-root on a read-only root file system', () => {
      for (const d of deployments) {
        const spec = podSpecOf(d);
        expect([d.metadata.name, spec.securityContext.runAsNonRoot]).toEqual([d.metadata.name, true]);
        for (const c of spec.containers) expect([d.metadata.name, c.securityContext]).toMatchObject([d.metadata.name, { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }]);
      }
    });

    it('starts a service only after the topic Job made its topics and its migration Job migrated its database (issue 19)', () => {
      expect(find(objects, 'Job', 'kafka-topics')).toBeDefined();
      for (const service of SERVICES) {
        const init = podSpecOf(find(objects, 'Deployment', service)!).initContainers ?? [];
        expect([service, init.map((c) => c.command.join(' '))]).toEqual([
          service,
          ['node dist/deploy/kafka/create-topics.js --check', `node dist/services/${service}/src/migrate.js --check`],
        ]);
      }
    });

    it('migrates each database by a Job of its own with the owner role, whose Secret no Deployment reads (issue 19)', () => {
      for (const service of SERVICES) {
        const job = find(objects, 'Job', `migrate-${service}`) as unknown as { spec: { template: { spec: PodSpec } } } | undefined;
        expect([service, job !== undefined]).toEqual([service, true]);
        const [container] = job!.spec.template.spec.containers;
        expect([service, (container as unknown as { command: string[] }).command]).toEqual([service, ['node', `dist/services/${service}/src/migrate.js`]]);
        expect([service, container.env]).toEqual([
          service,
          [
            { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `custos-${service}-db-owner`, key: 'DATABASE_URL' } } },
            { name: 'DATABASE_RUNTIME_ROLE', value: `custos_${service}` },
          ],
        ]);
      }
      const readers = objects
        .filter((o) => o.kind === 'Deployment')
        .filter((d) => JSON.stringify(d).includes('-db-owner'))
        .map((d) => d.metadata.name);
      expect(readers).toEqual([]);
    });

    it('completes the ledger: signer key and S3 credentials from Secrets, checkpoints in S3', () => {
      const env = podSpecOf(find(objects, 'Deployment', 'ledger')!).containers[0].env;
      const from = (name: string) => env.find((e) => e.name === name);
      expect(from('LEDGER_CHECKPOINT_DRIVER')?.value).toBe('s3');
      for (const secret of ['LEDGER_SIGNER_KEY', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'DATABASE_URL']) {
        expect([secret, from(secret)?.valueFrom?.secretKeyRef]).toEqual([secret, expect.objectContaining({ name: expect.any(String) })]);
      }
    });

    it("signs each service's events with its own key Secret, requires signatures, and pins the registry's key as the readers' bootstrap (issue 16)", () => {
      const common = find(objects, 'ConfigMap', 'custos-common') as unknown as { data: Record<string, string> };
      expect(common.data.EVENT_SIGNATURES).toBe('required');
      for (const service of SERVICES) {
        const env = podSpecOf(find(objects, 'Deployment', service)!).containers[0].env;
        const refOf = (name: string) => env.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
        expect([service, refOf('EVENT_SIGNING_KEY')]).toEqual([service, { name: `custos-event-signing-${service}`, key: 'EVENT_SIGNING_KEY' }]);
        // The registry reads no events; oversight calls no service, so it pins every key by setting.
        const pin = service === 'registry' ? undefined : { name: 'custos-event-trust', key: service === 'oversight' ? 'ALL' : 'EVENT_TRUSTED_KEYS' };
        expect([service, refOf('EVENT_TRUSTED_KEYS')]).toEqual([service, pin]);
      }
    });

    it('allows between pods exactly the calls the services make (their *_URL settings), in both directions, and denies the rest', () => {
      expect(find(objects, 'NetworkPolicy', 'default-deny')).toMatchObject({ spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
      const expected = callsFromConfig();
      expect(allowedCalls(objects)).toEqual({ egress: expected, ingress: expected });
    });

    it('serves the console through an Ingress with TLS, and lets Prometheus find every service', () => {
      const ingress = find(objects, 'Ingress', 'custos') as unknown as { spec: { tls: { hosts: string[]; secretName: string }[]; rules: { host: string }[] } };
      expect(ingress.spec.tls[0].hosts).toEqual([ingress.spec.rules[0].host]);
      const monitor = find(objects, 'ServiceMonitor', 'custos-services') as unknown as { spec: { selector: { matchLabels: Record<string, string> } } };
      const selected = objects.filter(
        (o) => o.kind === 'Service' && Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => (o.metadata.labels as Record<string, string>)[k] === v),
      );
      expect(selected.map((s) => s.metadata.name).sort()).toEqual([...SERVICES].sort());
    });
  });

  it('sets the topic replication and min.insync.replicas per overlay', () => {
    const topics = (overlay: string) => (find(rendered[overlay], 'ConfigMap', 'custos-kafka-topics') as unknown as { data: Record<string, string> }).data;
    expect(topics('dev')).toMatchObject({ KAFKA_REPLICATION: '1', KAFKA_MIN_INSYNC_REPLICAS: '1' });
    expect(topics('production')).toMatchObject({ KAFKA_REPLICATION: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' });
  });

  it('takes production images from the registry the overlay names and spreads production replicas across zones strictly', () => {
    for (const d of rendered.production.filter((o) => o.kind === 'Deployment')) {
      const spec = podSpecOf(d);
      expect(spec.containers[0].image).toBe(`registry.example.org/custos/${d.metadata.name}:0.1.0`);
      expect(spec.topologySpreadConstraints?.[0].whenUnsatisfiable).toBe('DoNotSchedule');
    }
  });
});
