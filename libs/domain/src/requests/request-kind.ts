import { domainErrorOf } from '../errors';
import { OrganisationType } from '../organisation/organisation-type';
import { err, ok, Result } from '../result';

/** 查阅 view, 复制 copy, 调取 retrieve, 接入或者直接使用 direct access (REGULATION.md vocabulary). */
export const REQUEST_KINDS = ['VIEW', 'COPY', 'RETRIEVE', 'DIRECT_ACCESS'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export function isRequestKind(value: string): value is RequestKind {
  return (REQUEST_KINDS as readonly string[]).includes(value);
}

/** The organs that may view, copy or retrieve footage (R17.1). */
export const FOOTAGE_USER_TYPES: readonly OrganisationType[] = [
  'PUBLIC_SECURITY',
  'STATE_SECURITY',
  'OTHER_ADMIN',
];
/** The organs that may connect to or directly use a system (R17.4). */
export const DIRECT_ACCESS_USER_TYPES: readonly OrganisationType[] = [
  'PUBLIC_SECURITY',
  'STATE_SECURITY',
];

/**
 * Whether an organisation of this type may file a request of this kind: view, copy and
 * retrieval for public security, state security and other administrative departments (R17.1);
 * direct access for public security and state security only (R17.4).
 */
export function assertMayRequest(requesterType: OrganisationType, kind: RequestKind): Result<void> {
  if (kind === 'DIRECT_ACCESS') {
    return DIRECT_ACCESS_USER_TYPES.includes(requesterType)
      ? ok()
      : err(domainErrorOf('CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED', { requesterType, kind }));
  }
  return FOOTAGE_USER_TYPES.includes(requesterType)
    ? ok()
    : err(domainErrorOf('CUSTOS_R17_1_REQUESTER_NOT_ALLOWED', { requesterType, kind }));
}

/**
 * Whether a request needs a head's approval before it can be fulfilled: copy and retrieval
 * (R17.2, R17.3) and direct access (R17.4) do, viewing does not (R17.1).
 */
export function requiresApproval(kind: RequestKind): boolean {
  return kind !== 'VIEW';
}
