import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { HttpStatus } from '@nestjs/common';
import { AUTH_ERROR_CATALOGUE } from '@custos/auth';
import { ERROR_CATALOGUE } from '@custos/domain';
import { EVENT_STORE_ERROR_CODES } from '@custos/eventstore';
import { EDGE_ERROR_CATALOGUE } from './edge-errors';
import { codeForStatus, INTERNAL_ERROR, VALIDATION_FAILED } from './error-body';

const ROOT = resolve(__dirname, '../../../..');

/** The catalogues a code may be defined in, each code in one of them only (R26.1). */
const CATALOGUES: Record<string, readonly string[]> = {
  domain: Object.keys(ERROR_CATALOGUE),
  edge: Object.keys(EDGE_ERROR_CATALOGUE),
  auth: Object.keys(AUTH_ERROR_CATALOGUE),
  eventstore: EVENT_STORE_ERROR_CODES,
};

/** The framework's answers, named after Nest's status names (`CUSTOS_NOT_FOUND`) by codeForStatus. */
const FRAMEWORK_CODES = [
  VALIDATION_FAILED,
  INTERNAL_ERROR,
  ...Object.values(HttpStatus)
    .filter((s): s is number => typeof s === 'number')
    .map(codeForStatus),
];

/**
 * Names that look like codes but no client is ever answered with: settings (environment
 * variables), log markers of background work, database trigger texts, start-up failures and
 * integrity failures that answer 500 CUSTOS_INTERNAL_ERROR. Each is listed by name on purpose,
 * so that a new answer cannot hide here by its prefix.
 */
const NOT_ANSWERS = new Set([
  // settings
  'CUSTOS_AUTH_ISSUER',
  'CUSTOS_AUTH_AUDIENCE',
  'CUSTOS_AUTH_JWKS_URL',
  'CUSTOS_AUTH_ALGORITHMS',
  'CUSTOS_AUTH_CLOCK_TOLERANCE_SEC',
  'CUSTOS_AUTH_SERVICE_AUDIENCE',
  'CUSTOS_AUTH_ROLES_CLAIM',
  'CUSTOS_AUTH_ORGANISATION_CLAIM',
  'CUSTOS_AUTH_ORGANISATION_TYPE_CLAIM',
  'CUSTOS_AUTH_DIVISION_CLAIM',
  'CUSTOS_AUTH_PERSON_CLAIM',
  'CUSTOS_AUTH_CREDENTIAL_CLAIM',
  'CUSTOS_AUTH_CLIENT_ID',
  'CUSTOS_AUTH_CLIENT_SECRET',
  'CUSTOS_AUTH_TOKEN_URL',
  'CUSTOS_OIDC_CONFIG',
  'CUSTOS_TEST_OIDC_ISSUER',
  'CUSTOS_CLAIMS',
  'CUSTOS_RUN_STATE',
  'CUSTOS_TEST_AUTH',
  'CUSTOS_TEST_REGISTRY',
  'CUSTOS_TEST_INFRA_SOURCE',
  'CUSTOS_TEST_DB_OWNER',
  'CUSTOS_TEST_DB_RUNTIME',
  'CUSTOS_TEST_DB_TEMPLATE',
  // start-up failures (a service refuses to start)
  'CUSTOS_AUTH_CONFIG_INVALID',
  'CUSTOS_AUTH_DEV_ISSUER_CONFIG_INVALID',
  'CUSTOS_AUTH_DEV_ISSUER_DISABLED',
  'CUSTOS_SCHEMA_NOT_MIGRATED',
  // log markers of background work
  'CUSTOS_CUSTODY_DELIVERY_SWEEP_FAILED',
  'CUSTOS_CUSTODY_DIRECT_ACCESS_SWEEP_FAILED',
  'CUSTOS_CUSTODY_VIEWING_SWEEP_FAILED',
  'CUSTOS_REQUESTS_EXPIRY_FAILED',
  'CUSTOS_OVERSIGHT_SITE_SWEEP_FAILED',
  'CUSTOS_REQUESTS_ESCALATION_FAILED',
  'CUSTOS_EVENT_KEYS_FETCH_FAILED',
  'CUSTOS_STORAGE_RECONCILIATION_FAILED',
  'CUSTOS_IDEMPOTENCY_NOT_STORED',
  'CUSTOS_ES_EVENT_QUARANTINED',
  'CUSTOS_ES_QUARANTINE_RESOLVED',
  // refused events (issue 16): dead-letter and ledger_rejected reasons, alarms and metric labels
  'CUSTOS_ES_EVENT_UNSIGNED',
  'CUSTOS_ES_EVENT_KEY_UNKNOWN',
  'CUSTOS_ES_EVENT_SIGNATURE_INVALID',
  'CUSTOS_EVENT_SIGNING_KEY_MISSING',
  // database triggers and integrity failures (500)
  'CUSTOS_ES_APPEND_ONLY',
  'CUSTOS_LEDGER_APPEND_ONLY',
  'CUSTOS_LEDGER_STORAGE_INCONSISTENT',
  'CUSTOS_STORAGE_ORIGINAL_INTEGRITY_FAILED',
  // the embedded mode's demo token issuer only, never deployed
  'CUSTOS_AUTH_DEV_USERNAME_REQUIRED',
]);

const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !TEST_FILE.test(path) ? [path] : [];
  });
}

describe('the error catalogues (R26.1: every code defined once, with its rule, status and reason)', () => {
  it('defines every code in one catalogue only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, codes] of Object.entries(CATALOGUES)) {
      for (const code of codes) {
        if (seen.has(code)) twice.push(`${code} (${seen.get(code)} and ${name})`);
        seen.set(code, name);
      }
    }
    expect(twice).toEqual([]);
  });

  it('knows every CUSTOS_ code the sources of services/ and libs/ use', () => {
    const known = new Set([...Object.values(CATALOGUES).flat(), ...FRAMEWORK_CODES, ...NOT_ANSWERS]);
    const unknown = new Set<string>();
    const files = ['services', 'libs'].flatMap((top) => sourceFiles(join(ROOT, top)));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      for (const [code] of readFileSync(file, 'utf8').matchAll(/\bCUSTOS_[A-Z0-9_]+/g)) {
        // A name ending in `_` is a prefix (`CUSTOS_HTTP_` + a status, `CUSTOS_R17_3_` in prose), not a code.
        if (!known.has(code) && !code.endsWith('_')) unknown.add(`${code} in ${relative(ROOT, file)}`);
      }
    }
    expect([...unknown]).toEqual([]);
  });

  it.each(Object.entries(ERROR_CATALOGUE))('%s starts with the rule it cites, or cites none', (code, spec) => {
    if (spec.rule === null) expect(code).not.toMatch(/^CUSTOS_(R\d+_\d+|CN2025_[A-Z]+)_/);
    else expect(code.startsWith(`CUSTOS_${spec.rule.replace(/[.-]/g, '_')}_`)).toBe(true);
  });

  it('lets no rule-less family cite a rule: input, edge and kernel codes cite none', () => {
    const cited = Object.entries(ERROR_CATALOGUE).filter(
      ([code, spec]) => /^CUSTOS_(INPUT|LINK|REGISTRY|LEDGER)_/.test(code) && spec.rule !== null,
    );
    expect(cited).toEqual([]);
  });
});
