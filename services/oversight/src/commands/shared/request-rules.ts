import { ActingOfficial } from '@custos/contracts';
import { Principal } from '@custos/auth';

/** Shapes shared by oversight's request DTOs. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const ID_MESSAGE = 'must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit';
export const DIVISION_PATTERN = /^\d{6}(?:\d{3}){0,2}$/;
export const RULE_PATTERN = /^R\d+\.\d+$/;
export const TEXT_MAX = 4000;

/** The person and organ an act is recorded against: the caller, as the token says. */
export function officialOf(principal: Principal): ActingOfficial {
  return { personId: principal.personId, organisationId: principal.organisationId };
}

/** The refusals of every act only a competent public security organ performs (R19.1), for the API documents. */
export const ACTING_ORGAN_REFUSALS = ['CUSTOS_R19_1_NOT_A_COMPETENT_PSB', 'CUSTOS_R19_1_OUTSIDE_JURISDICTION'];

/** The refusals of an act of a competent organ on an act already recorded: those above, or no such act. */
export const ACT_ON_AN_ACT_REFUSALS = [...ACTING_ORGAN_REFUSALS, 'CUSTOS_OVERSIGHT_ACT_NOT_FOUND'];
