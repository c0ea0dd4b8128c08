// Validates Kubernetes objects (a JSON array on stdin) against the Kubernetes OpenAPI schemas
// of the kubernetes-models package; prints a JSON array of problems. A separate ES module
// because kubernetes-models is ESM only, which jest's CommonJS runtime cannot load
// (deploy/k8s.spec.ts runs it as a child process). The three custom resources it does not
// know (ServiceMonitor, KEDA ScaledObject, ExternalSecret) are checked against the subset of
// their CRDs' schemas written below: the fields these manifests use, nothing unknown.
import Ajv from 'ajv';

const string = { type: 'string' };
const labels = { type: 'object', additionalProperties: string };
const selector = { type: 'object', properties: { matchLabels: labels }, additionalProperties: false };
const CRDS = {
  'monitoring.coreos.com/v1/ServiceMonitor': {
    type: 'object',
    required: ['selector', 'endpoints'],
    additionalProperties: false,
    properties: {
      selector,
      namespaceSelector: { type: 'object' },
      endpoints: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          properties: { port: string, path: string, interval: { type: 'string', pattern: '^([0-9]+(ms|s|m|h))+$' }, scheme: string },
        },
      },
    },
  },
  'keda.sh/v1alpha1/ScaledObject': {
    type: 'object',
    required: ['scaleTargetRef', 'triggers'],
    additionalProperties: false,
    properties: {
      scaleTargetRef: { type: 'object', required: ['name'], properties: { name: string, kind: string, apiVersion: string }, additionalProperties: false },
      minReplicaCount: { type: 'integer', minimum: 0 },
      maxReplicaCount: { type: 'integer', minimum: 1 },
      cooldownPeriod: { type: 'integer' },
      pollingInterval: { type: 'integer' },
      triggers: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', required: ['type', 'metadata'], properties: { type: string, metadata: { type: 'object', additionalProperties: string } } },
      },
    },
  },
  'external-secrets.io/v1/ExternalSecret': {
    type: 'object',
    required: ['secretStoreRef', 'target'],
    additionalProperties: false,
    properties: {
      refreshInterval: string,
      secretStoreRef: { type: 'object', required: ['name', 'kind'], properties: { name: string, kind: { enum: ['SecretStore', 'ClusterSecretStore'] } }, additionalProperties: false },
      target: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: string, creationPolicy: { enum: ['Owner', 'Orphan', 'Merge', 'None'] }, template: { type: 'object' } },
      },
      data: {
        type: 'array',
        items: {
          type: 'object',
          required: ['secretKey', 'remoteRef'],
          additionalProperties: false,
          properties: { secretKey: string, remoteRef: { type: 'object', required: ['key'], properties: { key: string, property: string }, additionalProperties: false } },
        },
      },
    },
  },
};
const ajv = new Ajv({ allErrors: true });
const crdValidators = Object.fromEntries(Object.entries(CRDS).map(([id, schema]) => [id, ajv.compile(schema)]));

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const module = await import(`kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`).catch(() => undefined);
  return module?.[kind];
}

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
}));
const problems = [];
for (const object of input) {
  const id = `${object.kind}/${object.metadata?.name}`;
  const crd = crdValidators[`${object.apiVersion}/${object.kind}`];
  if (crd) {
    if (!object.metadata?.name) problems.push(`${id}: metadata.name is missing`);
    if (!crd(object.spec)) problems.push(`${id}: ${ajv.errorsText(crd.errors, { dataVar: 'spec' })}`);
    continue;
  }
  const Model = await modelOf(object.apiVersion, object.kind);
  if (!Model) {
    problems.push(`${id}: no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${id}: ${error.message}`);
  }
}
process.stdout.write(JSON.stringify(problems));
