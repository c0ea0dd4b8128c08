import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * `kustomize build` for the features deploy/k8s uses, no more: resources (files and
 * directories holding a kustomization.yaml), namespace, images (newName, newTag, digest) and
 * patches (a file or inline; strategic merge — maps merged, lists of named items merged by
 * name — or JSON 6902 add/replace/remove; `target` by kind and name). A kustomization field it
 * does not know is refused, so that a manifest never relies on something the tests ignore.
 */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };

const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);

export function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'), { merge: true })
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0].message}`);
      return d.toJS();
    })
    .filter((d) => d !== null && d !== undefined);
}

interface Image { name: string; newName?: string; newTag?: string; digest?: string }
interface Patch { path?: string; patch?: string; target?: { kind?: string; name?: string } }
interface Kustomization { resources?: string[]; namespace?: string; images?: Image[]; patches?: Patch[] }

export function kustomizeBuild(dir: string): K8sObject[] {
  const [k] = readYamlDocuments(path.join(dir, 'kustomization.yaml')) as (Kustomization & Record<string, unknown>)[];
  const unknown = Object.keys(k).filter((f) => !KNOWN_FIELDS.has(f));
  if (unknown.length > 0) throw new Error(`${dir}/kustomization.yaml: unsupported fields ${unknown.join(', ')}`);
  let objects: K8sObject[] = [];
  for (const resource of k.resources ?? []) {
    const full = path.join(dir, resource);
    objects.push(...(fs.statSync(full).isDirectory() ? kustomizeBuild(full) : (readYamlDocuments(full) as K8sObject[])));
  }
  for (const p of k.patches ?? []) objects = applyPatch(objects, p, dir);
  for (const image of k.images ?? []) objects.forEach((o) => setImage(o, image));
  if (k.namespace) {
    for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  }
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (seen.has(id)) throw new Error(`${dir}: ${id} defined twice`);
    seen.add(id);
  }
  return objects;
}

function applyPatch(objects: K8sObject[], p: Patch, dir: string): K8sObject[] {
  const text = p.path ? fs.readFileSync(path.join(dir, p.path), 'utf8') : p.patch;
  if (!text) throw new Error(`${dir}: a patch needs path or patch`);
  const documents = parseAllDocuments(text).map((d) => d.toJS()) as unknown[];
  if (Array.isArray(documents[0])) {
    const ops = documents[0] as { op: string; path: string; value?: unknown }[];
    const targets = objects.filter((o) => matches(o, p.target));
    if (targets.length === 0) throw new Error(`${dir}: a JSON 6902 patch matched nothing (${JSON.stringify(p.target)})`);
    targets.forEach((o) => ops.forEach((op) => applyOperation(o, op)));
    return objects;
  }
  for (const patch of documents as K8sObject[]) {
    const targets = objects.filter((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name && matches(o, p.target));
    if (targets.length === 0) throw new Error(`${dir}: patch ${patch.kind}/${patch.metadata.name} matched nothing`);
    targets.forEach((o) => strategicMerge(o, patch));
  }
  return objects;
}

function matches(o: K8sObject, target: Patch['target']): boolean {
  return (!target?.kind || o.kind === target.kind) && (!target?.name || o.metadata.name === target.name);
}

function applyOperation(o: K8sObject, op: { op: string; path: string; value?: unknown }): void {
  const keys = op.path.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop() as string;
  let node: Record<string, unknown> | unknown[] = o;
  for (const key of keys) {
    const next = (node as Record<string, unknown>)[key];
    if (next === undefined || next === null) throw new Error(`${o.kind}/${o.metadata.name}: no ${op.path}`);
    node = next as Record<string, unknown>;
  }
  const container = node as Record<string, unknown>;
  if (op.op === 'remove') {
    if (!(last in container)) throw new Error(`${o.kind}/${o.metadata.name}: nothing to remove at ${op.path}`);
    if (Array.isArray(container)) container.splice(Number(last), 1);
    else delete container[last];
  } else if (op.op === 'replace') {
    if (!(last in container)) throw new Error(`${o.kind}/${o.metadata.name}: nothing to replace at ${op.path}`);
    container[last] = op.value;
  } else if (op.op === 'add') {
    if (Array.isArray(container)) container.splice(last === '-' ? container.length : Number(last), 0, op.value);
    else container[last] = op.value;
  } else throw new Error(`unsupported JSON 6902 op ${op.op}`);
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function strategicMerge(into: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = into[key];
    if (isMap(current) && isMap(value)) strategicMerge(current, value);
    else if (Array.isArray(current) && Array.isArray(value) && value.every((v) => isMap(v) && typeof v.name === 'string')) {
      for (const item of value as Record<string, unknown>[]) {
        const existing = (current as Record<string, unknown>[]).find((c) => isMap(c) && c.name === item.name);
        if (existing) strategicMerge(existing, item);
        else current.push(item);
      }
    } else into[key] = value;
  }
}

function setImage(o: K8sObject, image: Image): void {
  const podSpec = (o.spec as { template?: { spec?: Record<string, unknown> } } | undefined)?.template?.spec;
  if (!podSpec) return;
  for (const list of ['initContainers', 'containers']) {
    for (const c of (podSpec[list] as { image: string }[] | undefined) ?? []) {
      const [name, tag] = splitImage(c.image);
      if (name !== image.name) continue;
      const newName = image.newName ?? name;
      c.image = image.digest ? `${newName}@${image.digest}` : `${newName}:${image.newTag ?? tag}`;
    }
  }
}

function splitImage(ref: string): [string, string] {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, 'latest'];
}
