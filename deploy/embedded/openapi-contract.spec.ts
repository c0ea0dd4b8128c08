import fs from 'node:fs';
import path from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { canonicalJson } from '../../services/console/scripts/canonical-json';
import { contractShortfalls, pagingShortfalls, statusConventionDeviations } from './openapi-contract';
import { openApiDocuments } from './openapi-documents';
import KNOWN_SHORTFALLS from './openapi-contract.known-shortfalls.json';

/**
 * The operations open without a token (R3.1: deny by default): probes, the issuer's keys and
 * the embedded demo's sign-in, the verification of a printed document, and the links and
 * players whose URL carries its own capability.
 */
const PUBLIC_OPERATIONS: Record<string, readonly string[]> = {
  registry: [
    'GET /health/live',
    'GET /health/ready',
    'GET /.well-known/openid-configuration',
    'GET /.well-known/jwks.json',
    'GET /dev/users',
    'POST /dev/token',
  ],
  requests: ['GET /health/live', 'GET /health/ready'],
  approvals: ['GET /health/live', 'GET /health/ready', 'GET /approval-documents/verification'],
  custody: [
    'GET /health/live',
    'GET /health/ready',
    'GET /deliveries/{token}',
    'GET /viewing-sessions/{sessionId}/playback',
    'GET /viewing-sessions/{sessionId}/player',
    'GET /viewing-sessions/{sessionId}/player/links',
    'GET /direct-access-sessions/{sessionId}/playback',
    'GET /direct-access-sessions/{sessionId}/player',
    'GET /direct-access-sessions/{sessionId}/player/links',
  ],
  storage: ['GET /health/live', 'GET /health/ready', 'GET /footage/export-key'],
  ledger: ['GET /health/live', 'GET /health/ready', 'GET /ledger/tlog/checkpoint', 'GET /ledger/tlog/tile/{path}'],
  oversight: ['GET /health/live', 'GET /health/ready'],
};

/** POSTs that create a resource of their own under a singular noun: 201 by the convention. */
const CREATING: Record<string, readonly string[]> = {
  registry: ['POST /systems/{systemId}/signage-evidence'],
  storage: ['POST /footage/not-held', 'POST /footage/uploads/{sessionId}/complete'],
};

/**
 * Lists answering `items` without the one pagination shape: a lookup of names by the ids asked
 * (at most those) and an aggregate's history (verified as a whole) are no lists; the embedded
 * demo's sign-in list (libs/auth) keeps its offset. This list only shrinks.
 */
const KNOWN_UNPAGED = [
  'ledger GET /ledger/aggregates/{aggregateId}/history: a list without nextCursor',
  'ledger GET /ledger/aggregates/{aggregateId}/history: a list without the cursor parameter',
  'ledger GET /ledger/aggregates/{aggregateId}/history: a list without the limit parameter',
  'registry GET /dev/users: a list without nextCursor',
  'registry GET /dev/users: a list without the cursor parameter',
  'registry GET /dev/users: a list without the limit parameter',
  'registry GET /directory/names: a list without nextCursor',
  'registry GET /directory/names: a list without the cursor parameter',
  'registry GET /directory/names: a list without the limit parameter',
];

describe("the services' API contract (issue 15)", () => {
  let documents: Record<string, OpenAPIObject>;
  beforeAll(async () => {
    documents = await openApiDocuments();
  }, 120_000);

  it('documents every service', () => {
    expect(Object.keys(documents).sort()).toEqual(Object.keys(PUBLIC_OPERATIONS).sort());
  });

  it('documents every operation with a 2xx schema, its coded 4xx problem documents, its parameters, and security unless public (R3.1)', () => {
    const shortfalls = Object.entries(documents).flatMap(([service, document]) =>
      contractShortfalls(service, document, new Set(PUBLIC_OPERATIONS[service])),
    );
    // The list only shrinks: an operation documented since is struck from it, a new gap fails.
    expect(shortfalls.sort()).toEqual([...KNOWN_SHORTFALLS].sort());
  });

  it('answers creations 201 and actions on a resource 200, one convention for every service', () => {
    const deviations = Object.entries(documents).flatMap(([service, document]) =>
      statusConventionDeviations(service, document, new Set(CREATING[service] ?? [])),
    );
    expect(deviations).toEqual([]);
  });

  it('pages every list alike: cursor and limit asked, items and nextCursor answered', () => {
    const shortfalls = Object.entries(documents).flatMap(([service, document]) => pagingShortfalls(service, document));
    expect(shortfalls.sort()).toEqual([...KNOWN_UNPAGED].sort());
  });

  it('declares a bearer token on a protected operation and none on a public one (R3.1)', () => {
    const ledger = documents.ledger.paths;
    expect(ledger['/ledger/tlog/checkpoint'].get?.security).toEqual([]);
    expect(ledger['/ledger/aggregates/{aggregateId}/history'].get?.security).toEqual([{ bearer: [] }]);
    const operations = Object.values(documents.requests.paths).flatMap((item) => Object.values(item) as { security?: object[] }[]);
    expect(operations.filter((o) => o.security?.length === 0)).toHaveLength(PUBLIC_OPERATIONS.requests.length);
  });

  it("is what the console's client is generated from (else: npm run console:api)", () => {
    for (const [service, document] of Object.entries(documents)) {
      const committed = fs.readFileSync(path.resolve(__dirname, `../../services/console/web/src/api/openapi/${service}.json`), 'utf8');
      expect([service, canonicalJson(document) === committed]).toEqual([service, true]);
    }
  });
});
