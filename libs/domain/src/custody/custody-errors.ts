import { domainErrorOf } from '../errors';
import { DomainError } from '../result';

/**
 * The chain of custody's refusals with the facts they rest on. Every code, with its rule,
 * status and reason, is defined once in the domain's `ERROR_CATALOGUE` (R26.1).
 */
export const custodyErrors = {
  evidenceItemNotFound: (evidenceItemId: string): DomainError =>
    domainErrorOf('CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND', { evidenceItemId }),
  notTheHolder: (evidenceItemId: string, organisationId: string): DomainError =>
    domainErrorOf('CUSTOS_R3_1_NOT_THE_HOLDER', { evidenceItemId, organisationId }),
  notTheReceiver: (transferId: string, organisationId: string, personId: string): DomainError =>
    domainErrorOf('CUSTOS_R3_1_NOT_THE_RECEIVER', { transferId, organisationId, personId }),
  unknownOfficer: (personId: string): DomainError =>
    domainErrorOf(
      'CUSTOS_R18_2_UNKNOWN_OFFICER',
      { personId },
      'the caller is not a registered law-enforcement officer',
    ),
  /**
   * The caller acts for an organ the officer does not belong to. This answered
   * CUSTOS_R18_1_DIFFERENT_ORGAN before, whose meaning is the one-organ policy of a request's
   * officers; the code of this fact is the one requests answers with.
   */
  officerOfAnotherOrgan: (personId: string, officerOrganisationId: string, actingFor: string): DomainError =>
    domainErrorOf('CUSTOS_R18_2_NOT_AN_OFFICER_OF_ORGAN', { personId, officerOrganisationId, actingFor }),
  coSignatureExpired: (handOverId: string, confirmBy: string): DomainError =>
    domainErrorOf(
      'CUSTOS_R18_1_CO_SIGNATURE_EXPIRED',
      { handOverId, confirmBy },
      'the time for the second officer to confirm the hand-over has passed',
    ),
  noHandOverPending: (evidenceItemId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_1_NO_HAND_OVER_PENDING', { evidenceItemId }),
  handOverPending: (evidenceItemId: string, handOverId: string, confirmBy: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_HAND_OVER_PENDING', { evidenceItemId, handOverId, confirmBy }),
  alreadyHandedOver: (evidenceItemId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_ALREADY_HANDED_OVER', { evidenceItemId }),
  notHandedOver: (evidenceItemId: string, status: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_NOT_HANDED_OVER', { evidenceItemId, status }),
  notInCustody: (evidenceItemId: string, status: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_NOT_IN_CUSTODY', { evidenceItemId, status }),
  integrityMismatch: (evidenceItemId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_INTEGRITY_MISMATCH', { evidenceItemId }),
  transferPending: (evidenceItemId: string, transferId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_TRANSFER_PENDING', { evidenceItemId, transferId }),
  noTransferPending: (evidenceItemId: string, transferId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_NO_TRANSFER_PENDING', { evidenceItemId, transferId }),
  /** A malformed paging cursor is a check of the input's form: no rule demands it. */
  registerCursorInvalid: (cursor: string): DomainError =>
    domainErrorOf(
      'CUSTOS_INPUT_CURSOR_INVALID',
      { cursor: cursor.slice(0, 100) },
      'the cursor is not one this access register gave out',
    ),
  notAReceivingOfficer: (evidenceItemId: string, personId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER', { evidenceItemId, personId }),
  deliveryLinkUsed: (evidenceItemId: string, linkId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_DELIVERY_LINK_USED', { evidenceItemId, linkId }),
  packageUnavailable: (evidenceItemId: string, exportId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_PACKAGE_UNAVAILABLE', { evidenceItemId, exportId }),
  storedPackageUnreadable: (evidenceItemId: string, exportId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_STORED_PACKAGE_UNREADABLE', { evidenceItemId, exportId }),
  challengeNotYours: (evidenceItemId: string, personId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_CHALLENGE_NOT_YOURS', { evidenceItemId, personId }),
  challengeUsed: (evidenceItemId: string, challengeId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_CHALLENGE_USED', { evidenceItemId, challengeId }),
  secondOfficerRequired: (handOverId: string, confirmBy: string): DomainError =>
    domainErrorOf(
      'CUSTOS_R18_1_SECOND_OFFICER_REQUIRED',
      { handOverId, confirmBy },
      'the hand-over awaits its second receiving officer: nothing has been released',
    ),
  sameOfficerTwice: (personId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_1_SAME_OFFICER_TWICE', { personId, sameBy: 'personId' }),
};
