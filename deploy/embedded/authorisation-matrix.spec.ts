import type { OpenAPIObject } from '@nestjs/swagger';
import { ROLES } from '@custos/auth';
import { concretePath, doorAnswerOf, expectedAtTheDoor, matrixOperations } from './authorisation-matrix';

const DOCUMENT = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/health/live': { get: { 'x-custos-public': true, security: [], responses: {} } },
    '/organisations/{id}/approval-key/rotate': { post: { 'x-custos-roles': ['APPROVER'], responses: {} } },
    '/organisations': { get: { security: [{ bearer: [] }], responses: {} }, parameters: [] },
  },
} as unknown as OpenAPIObject;

describe('the authorisation matrix, derived from the documents (R3.1)', () => {
  const [live, rotate, list] = matrixOperations({ registry: DOCUMENT });

  it('reads public operations, declared roles, and every role for a protected operation naming none', () => {
    expect([live.audience, rotate.audience, list.audience]).toEqual([{ kind: 'public' }, { kind: 'roles', roles: ['APPROVER'] }, { kind: 'roles', roles: ROLES }]);
    expect(matrixOperations({ registry: DOCUMENT })).toHaveLength(3);
  });

  it('expects a public route open to all, 401 without a token elsewhere, and 403 for a role not declared', () => {
    expect([expectedAtTheDoor(live, undefined), expectedAtTheDoor(rotate, undefined), expectedAtTheDoor(rotate, 'APPROVER'), expectedAtTheDoor(rotate, 'OFFICER')]).toEqual([
      'through',
      'CUSTOS_AUTH_TOKEN_MISSING',
      'through',
      'CUSTOS_AUTH_ROLE_REQUIRED',
    ]);
  });

  it("tells the door's refusals from the handler's answers", () => {
    expect([
      doorAnswerOf(401, 'CUSTOS_AUTH_TOKEN_MISSING'),
      doorAnswerOf(403, 'CUSTOS_AUTH_ROLE_REQUIRED'),
      doorAnswerOf(401, 'CUSTOS_AUTH_BAD_SIGNATURE'),
      doorAnswerOf(403, 'CUSTOS_AUTH_SCOPE_REQUIRED'),
      doorAnswerOf(403, 'CUSTOS_AUTH_WRONG_ORGANISATION'),
      doorAnswerOf(401, 'CUSTOS_LINK_INVALID'),
      doorAnswerOf(404, 'CUSTOS_NOT_FOUND'),
    ]).toEqual(['CUSTOS_AUTH_TOKEN_MISSING', 'CUSTOS_AUTH_ROLE_REQUIRED', '401 CUSTOS_AUTH_BAD_SIGNATURE', '403 CUSTOS_AUTH_SCOPE_REQUIRED', 'through', 'through', 'through']);
    expect(concretePath('/a/{x}/b/{y}')).toBe('/a/matrix-probe/b/matrix-probe');
  });
});
