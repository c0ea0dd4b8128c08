import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const COMPOSE_FILE = path.resolve(__dirname, '../docker-compose.yml');

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; target?: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number>;
  secrets?: string[];
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
  [key: string]: unknown;
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  secrets: Record<string, { file: string }>;
  [key: string]: unknown;
}

/**
 * docker-compose.yml as `docker compose config` sees it: YAML merge keys resolved, then the
 * variables in its string values interpolated (`${X}`, `${X:-default}`, `${X-default}`,
 * `${X:?message}`, `$$`) from `variables`; a required variable that is missing throws, as
 * compose refuses to start.
 */
export function renderCompose(variables: Record<string, string> = {}, file = COMPOSE_FILE): ComposeFile {
  const interpolate = (text: string): string =>
    text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (all, name: string, op?: string, arg?: string) => {
      if (all === '$$') return '$';
      const v = variables[name];
      const unset = v === undefined || (op?.startsWith(':') === true && v === '');
      if (op?.endsWith('?') && unset) throw new Error(`compose: ${name} is required: ${arg}`);
      if (op?.endsWith('-') && unset) return arg ?? '';
      return v ?? '';
    });
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return interpolate(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(parse(fs.readFileSync(file, 'utf8'), { merge: true })) as ComposeFile;
}
