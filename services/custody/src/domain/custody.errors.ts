import { domainError, DomainError } from '@custos/domain';
import { DIRECT_ACCESS_ERROR_STATUS } from '../commands/direct-access-sessions/direct-access.errors';
import { VIEWING_ERROR_STATUS } from './viewing-session.errors';

/**
 * Refusals of the chain of custody that the domain catalogue does not name: they depend on the
 * evidence item's state or on the registry's answer. Each code starts with the rule it cites.
 */
export const CUSTODY_ERROR_STATUS: Readonly<Record<string, 400 | 403 | 404 | 409>> = {
  CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND: 404,
  CUSTOS_R3_1_NOT_THE_HOLDER: 403,
  CUSTOS_R3_1_NOT_THE_RECEIVER: 403,
  CUSTOS_R18_2_UNKNOWN_OFFICER: 403,
  CUSTOS_R18_1_CO_SIGNATURE_EXPIRED: 409,
  CUSTOS_R18_1_NO_HAND_OVER_PENDING: 409,
  CUSTOS_R18_5_HAND_OVER_PENDING: 409,
  CUSTOS_R18_5_NOT_HANDED_OVER: 409,
  CUSTOS_R18_5_ALREADY_HANDED_OVER: 409,
  CUSTOS_R18_5_NOT_IN_CUSTODY: 409,
  CUSTOS_R18_5_INTEGRITY_MISMATCH: 409,
  CUSTOS_R18_5_TRANSFER_PENDING: 409,
  CUSTOS_R18_5_NO_TRANSFER_PENDING: 409,
  CUSTOS_R18_5_APPROVAL_KEY_UNKNOWN: 403,
  CUSTOS_R16_6_REGISTER_CURSOR_INVALID: 400,
  CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER: 403,
  CUSTOS_R18_5_DELIVERY_LINK_USED: 409,
  CUSTOS_R18_5_CHALLENGE_NOT_YOURS: 403,
  CUSTOS_R18_5_CHALLENGE_USED: 409,
  CUSTOS_R17_1_TRANSFER_TARGET_NOT_AN_ORGAN: 403,
  CUSTOS_R18_5_TRANSFER_RECEIVER_NOT_OF_TARGET: 403,
  ...VIEWING_ERROR_STATUS,
  ...DIRECT_ACCESS_ERROR_STATUS,
};

export const custodyErrors = {
  evidenceItemNotFound: (evidenceItemId: string): DomainError =>
    domainError('CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND', 'R3.1', 'no such evidence item visible to you', { evidenceItemId }),
  notTheHolder: (evidenceItemId: string, organisationId: string): DomainError =>
    domainError('CUSTOS_R3_1_NOT_THE_HOLDER', 'R3.1', "the caller's organisation does not hold this evidence item", {
      evidenceItemId,
      organisationId,
    }),
  notTheReceiver: (transferId: string, organisationId: string, personId: string): DomainError =>
    domainError('CUSTOS_R3_1_NOT_THE_RECEIVER', 'R3.1', 'only the receiver named in the transfer may acknowledge it', {
      transferId,
      organisationId,
      personId,
    }),
  unknownOfficer: (personId: string): DomainError =>
    domainError('CUSTOS_R18_2_UNKNOWN_OFFICER', 'R18.2', 'the caller is not a registered law-enforcement officer', { personId }),
  officerOfAnotherOrgan: (personId: string, officerOrganisationId: string, actingFor: string): DomainError =>
    domainError('CUSTOS_R18_1_DIFFERENT_ORGAN', 'R18.1', 'the officer does not belong to the organ the caller acts for', {
      personId,
      officerOrganisationId,
      actingFor,
    }),
  coSignatureExpired: (handOverId: string, confirmBy: string): DomainError =>
    domainError('CUSTOS_R18_1_CO_SIGNATURE_EXPIRED', 'R18.1', 'the time for the second officer to confirm the hand-over has passed', {
      handOverId,
      confirmBy,
    }),
  noHandOverPending: (evidenceItemId: string): DomainError =>
    domainError('CUSTOS_R18_1_NO_HAND_OVER_PENDING', 'R18.1', 'no hand-over of this evidence item awaits a second officer', { evidenceItemId }),
  handOverPending: (evidenceItemId: string, handOverId: string, confirmBy: string): DomainError =>
    domainError('CUSTOS_R18_5_HAND_OVER_PENDING', 'R18.5', 'a hand-over of this evidence item already awaits its second officer', {
      evidenceItemId,
      handOverId,
      confirmBy,
    }),
  alreadyHandedOver: (evidenceItemId: string): DomainError =>
    domainError('CUSTOS_R18_5_ALREADY_HANDED_OVER', 'R18.5', 'the evidence item has already been handed over', { evidenceItemId }),
  notHandedOver: (evidenceItemId: string, status: string): DomainError =>
    domainError('CUSTOS_R18_5_NOT_HANDED_OVER', 'R18.5', 'the evidence item is not handed over and awaiting receipt', {
      evidenceItemId,
      status,
    }),
  notInCustody: (evidenceItemId: string, status: string): DomainError =>
    domainError('CUSTOS_R18_5_NOT_IN_CUSTODY', 'R18.5', 'the evidence item has not been received into custody', { evidenceItemId, status }),
  integrityMismatch: (evidenceItemId: string): DomainError =>
    domainError(
      'CUSTOS_R18_5_INTEGRITY_MISMATCH',
      'R18.5',
      'a re-hash of this evidence item did not match its package: it cannot be transferred',
      { evidenceItemId },
    ),
  transferPending: (evidenceItemId: string, transferId: string): DomainError =>
    domainError('CUSTOS_R18_5_TRANSFER_PENDING', 'R18.5', 'a transfer of this evidence item already awaits acknowledgement', {
      evidenceItemId,
      transferId,
    }),
  noTransferPending: (evidenceItemId: string, transferId: string): DomainError =>
    domainError('CUSTOS_R18_5_NO_TRANSFER_PENDING', 'R18.5', 'no such transfer awaits acknowledgement', { evidenceItemId, transferId }),
  registerCursorInvalid: (cursor: string): DomainError =>
    domainError('CUSTOS_R16_6_REGISTER_CURSOR_INVALID', 'R16.6', 'the cursor is not one this access register gave out', { cursor: cursor.slice(0, 100) }),
  notAReceivingOfficer: (evidenceItemId: string, personId: string): DomainError =>
    domainError('CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER', 'R18.5', 'only the two officers the package was handed over to may have it delivered', {
      evidenceItemId,
      personId,
    }),
  deliveryLinkUsed: (evidenceItemId: string, linkId: string): DomainError =>
    domainError('CUSTOS_R18_5_DELIVERY_LINK_USED', 'R18.5', 'a delivery link serves one download: ask for a new link', { evidenceItemId, linkId }),
  packageUnavailable: (evidenceItemId: string, exportId: string): DomainError =>
    domainError('CUSTOS_R18_5_PACKAGE_UNAVAILABLE', 'R18.5', 'storage did not supply the package: nothing was delivered', { evidenceItemId, exportId }),
  storedPackageUnreadable: (evidenceItemId: string, exportId: string): DomainError =>
    domainError('CUSTOS_R18_5_STORED_PACKAGE_UNREADABLE', 'R18.5', 'storage did not supply the stored package: nothing was checked or recorded', {
      evidenceItemId,
      exportId,
    }),
  challengeUsed: (evidenceItemId: string, challengeId: string): DomainError =>
    domainError('CUSTOS_R18_5_CHALLENGE_USED', 'R18.5', 'this integrity challenge was already answered: ask for a fresh one', { evidenceItemId, challengeId }),
  transferTargetNotAnOrgan: (toOrganisationId: string, type?: string): DomainError =>
    domainError(
      'CUSTOS_R17_1_TRANSFER_TARGET_NOT_AN_ORGAN',
      'R17.1',
      'a transfer goes only to an enforcement organ the registry holds (public security, state security, another administrative department)',
      { toOrganisationId, ...(type ? { type } : {}) },
    ),
  transferReceiverNotOfTarget: (toPersonId: string, toOrganisationId: string): DomainError =>
    domainError('CUSTOS_R18_5_TRANSFER_RECEIVER_NOT_OF_TARGET', 'R18.5', 'the named receiver is not a registered officer of the target organ', {
      toPersonId,
      toOrganisationId,
    }),
};
