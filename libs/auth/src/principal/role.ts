/**
 * The closed list of roles a token may carry. A role opens a door (R3.1 least privilege); it is
 * never the whole decision: who may approve a copy or retrieval is decided by head terms in
 * the domain (R17.2–R17.4), not by APPROVER alone.
 */
export const ROLES = [
  /** Files and co-signs access requests (R18.1). */
  'OFFICER',
  /** May open approval cases; competence is checked against head terms (R17.2–R17.4). */
  'APPROVER',
  /** Staff of a system owner who fulfil exports and viewing sessions (R16.5). */
  'OWNER_OPERATOR',
  /** A public security bureau's registry manager (R5.1, R7, R8, R11, R15). */
  'REGISTRY_ADMIN',
  /** Reads audit and oversight reports within its jurisdiction (R5.1, R19.1, R27.1). */
  'OVERSIGHT',
  /** Another Custos service calling on its own behalf. */
  'SERVICE',
  /** Runs the platform: replays or skips events a projection or consumer quarantined (issue 14). */
  'OPERATOR',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
