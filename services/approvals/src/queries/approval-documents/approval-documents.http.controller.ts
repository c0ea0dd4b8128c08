import { assertOrganisation, CurrentPrincipal, Principal, Roles } from '@custos/auth';
import {
  ApprovalDocument,
  approvalQrQuery,
  domainErrorOf,
  DomainError,
  presentedApprovalDocument,
  SignedApprovalDocument,
  verifyApprovalDocument,
} from '@custos/domain';
import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { inTransaction } from '@custos/eventstore';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Pool } from 'pg';
import { ResolvedApprovalsOptions } from '../../approvals.options';
import { APPROVALS_OPTIONS, APPROVALS_POOL } from '../../approvals.tokens';
import { ApprovalSigningKeys } from '../../domain/approval-signing.port';
import { APPROVALS_REGISTRY_FACTS, ApprovalsRegistryFacts } from '../../registry/registry-facts.port';
import { ApiAnswer, ApiRefusalCodes, QueryEndpoint } from '@custos/platform';
import { SIGNED_IN_REFUSALS } from '../../shared/api-errors';
import { PrintableApprovalDocumentDto, SignedApprovalDocumentDto } from './approval-document.response.dto';
import { VerifyDocumentDto } from './verify-document.request.dto';
import { ApprovalDocumentRegister, RegisteredDocument, RevokedDocument } from './approval-document-register.query';

/** Who may read a case's document, and how a reader is refused (R3.1, R5.1, R18.5). */
const DOCUMENT_READ = {
  roles: ['OFFICER', 'APPROVER', 'OWNER_OPERATOR', 'OVERSIGHT', 'SERVICE'],
  refusals: [...SIGNED_IN_REFUSALS, 'CUSTOS_NOT_FOUND'],
} as const;

interface ApprovalKeyAnswer {
  organisationId: string;
  algorithm: 'Ed25519';
  keyId: string;
  version: number;
  publicKeyPem: string;
  createdAt: string;
  retiredAt?: string;
}

export type VerificationAnswer =
  | { readonly valid: true; readonly document: ApprovalDocument }
  | ({ readonly valid: false } & DomainError);

/**
 * What anyone needs to check an approval document (R18.5): the organ's public key, its
 * revocation list, and a verification endpoint that applies both. Any authenticated caller may
 * use them (custody at hand-over, owners, oversight); the key and list also allow offline checks.
 */
@ApiTags('approval documents')
@ApiBearerAuth()
@Controller()
export class ApprovalDocumentsHttpController {
  constructor(
    @Inject(APPROVALS_POOL) private readonly pool: Pool,
    private readonly keys: ApprovalSigningKeys,
    @Inject(APPROVALS_OPTIONS) private readonly options: ResolvedApprovalsOptions,
    @Inject(APPROVALS_REGISTRY_FACTS) private readonly facts: ApprovalsRegistryFacts,
    private readonly register: ApprovalDocumentRegister,
  ) {}

  /** The organ's current key, or with `?keyId=` that key (retired included), so that documents signed before a rotation still verify. */
  @Get('organisations/:id/approval-key')
  @ApiQuery({ name: 'keyId', required: false, description: 'A key of the organisation, retired included' })
  @ApiOperation({ summary: "An organisation's approval-document public key: the current one, or with ?keyId= that one (retired included)" })
  @ApiAnswer(200, { organisationId: 'string', algorithm: ['Ed25519'], keyId: 'string', version: 'integer', publicKeyPem: 'string', createdAt: 'date-time', retiredAt: 'date-time?' }, "The public key of the organisation's approval documents")
  async key(@Param('id') id: string, @Query('keyId') keyId?: string): Promise<ApprovalKeyAnswer> {
    const key = await this.keys.publicKey(id, typeof keyId === 'string' ? keyId : undefined);
    if (key === undefined) throw new NotFoundException({ code: 'CUSTOS_NOT_FOUND', message: `organisation ${id} has no such approval key` });
    return {
      organisationId: id,
      algorithm: 'Ed25519',
      keyId: key.keyId,
      version: key.version,
      publicKeyPem: key.pem,
      createdAt: key.createdAt.toISOString(),
      ...(key.retiredAt ? { retiredAt: key.retiredAt.toISOString() } : {}),
    };
  }

  /**
   * Retires the organ's signing key and makes a new one (issue 16), recorded in the ledger as
   * `approvals.SigningKeyRotated`: for the organ's own approvers only.
   */
  @Roles('APPROVER')
  @Post('organisations/:id/approval-key/rotate')
  @ApiOperation({ summary: "Retires the organisation's approval-document key and makes a new one, recorded in the ledger" })
  @ApiAnswer(200, { organisationId: 'string', algorithm: ['Ed25519'], keyId: 'string', version: 'integer', publicKeyPem: 'string', createdAt: 'date-time', retiredAt: 'date-time?' }, 'The new key')
  @HttpCode(200)
  @ApiRefusalCodes(...SIGNED_IN_REFUSALS, 'CUSTOS_AUTH_WRONG_ORGANISATION')
  async rotate(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ApprovalKeyAnswer> {
    assertOrganisation(principal, id);
    await inTransaction(this.pool, (tx) => this.keys.rotate(id, principal.subject, tx));
    return this.key(id);
  }

  @Get('organisations/:id/revoked-approvals')
  @ApiOperation({ summary: 'The approval documents an organisation has revoked' })
  @ApiOkResponse({
    description: 'The approval documents the organisation has revoked',
    schema: {
      type: 'object',
      required: ['organisationId', 'revoked'],
      properties: {
        organisationId: { type: 'string' },
        revoked: {
          type: 'array',
          items: {
            type: 'object',
            required: ['number', 'revokedAt', 'reason'],
            properties: { number: { type: 'string' }, documentId: { type: 'string' }, revokedAt: { type: 'string', format: 'date-time' }, reason: { type: 'string' } },
          },
        },
      },
    },
  })
  async revoked(@Param('id') id: string): Promise<{ organisationId: string; revoked: RevokedDocument[] }> {
    return { organisationId: id, revoked: await this.register.revokedBy(id) };
  }

  /**
   * The signed document of an approved case: for the signers' organ, the owners, the approvers'
   * organ, services, and oversight bodies whose jurisdiction covers the requesting organ (R5.1).
   * Any other caller is told there is none, as for a case that does not exist (R3.1).
   */
  @QueryEndpoint({ ...DOCUMENT_READ, path: 'approval-cases/:requestId/document', summary: 'The signed approval document of a case (R18.5)', response: SignedApprovalDocumentDto })
  async document(@CurrentPrincipal() principal: Principal, @Param('requestId') requestId: string): Promise<SignedApprovalDocument> {
    return (await this.visibleCase(principal, requestId)).signed_document;
  }

  /**
   * The document as a printed page shows it (R18.5): organs, officers with the credentials they
   * showed, the signer and the cameras by name, its standing now, and the query its QR code
   * carries to the public verification. Visible to whoever may read the document.
   */
  @QueryEndpoint({ ...DOCUMENT_READ, path: 'approval-cases/:requestId/document/printable', summary: 'The approval document of a case as its printable page data', response: PrintableApprovalDocumentDto })
  async printable(@CurrentPrincipal() principal: Principal, @Param('requestId') requestId: string): Promise<PrintableApprovalDocumentDto> {
    const row = await this.visibleCase(principal, requestId);
    const signed = row.signed_document;
    const doc = signed.document;
    const names = (await this.facts.names?.({
      organisationIds: [doc.issuingOrganisationId, doc.requestingOrganisationId],
      personIds: [doc.filedBy.personId, doc.coSignedBy.personId, doc.signer.personId],
      cameraIds: doc.scope.cameraIds,
    })) ?? { organisations: new Map(), persons: new Map(), cameras: new Map() };
    const credentials = row.signer_credential_numbers ?? [];
    const now = this.options.clock().getTime();
    const status = row.revoked_at ? 'REVOKED' : now < Date.parse(doc.validFrom) ? 'NOT_YET_VALID' : now >= Date.parse(doc.validUntil) ? 'EXPIRED' : 'VALID';
    const officer = (personId: string, i: number) => ({ personId, name: names.persons.get(personId) ?? null, credentialNumber: credentials[i] ?? null });
    const organisation = (id: string) => ({ id, name: names.organisations.get(id) ?? null });
    return {
      signedDocument: signed,
      issuingOrganisation: organisation(doc.issuingOrganisationId),
      requestingOrganisation: organisation(doc.requestingOrganisationId),
      filedBy: officer(doc.filedBy.personId, 0),
      coSignedBy: officer(doc.coSignedBy.personId, 1),
      signer: { personId: doc.signer.personId, name: names.persons.get(doc.signer.personId) ?? null },
      cameras: doc.scope.cameraIds.map((id) => ({ id, name: names.cameras.get(id) ?? null })),
      status,
      revokedAt: row.revoked_at?.toISOString() ?? null,
      revocationReason: row.revocation_reason ?? null,
      qrQuery: approvalQrQuery({ documentId: doc.documentId, number: doc.number, signature: signed.signature }),
    };
  }

  /** The approved case, if the caller may read its document; otherwise not found (R3.1). */
  private async visibleCase(principal: Principal, requestId: string): Promise<RegisteredDocument> {
    const row = await this.register.visibleTo(principal, requestId);
    if (row === undefined) throw new NotFoundException({ code: 'CUSTOS_NOT_FOUND', message: `no approval document for request ${requestId}` });
    return row;
  }

  @Post('approval-documents/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verifies a signed approval document: signature, issuer and revocation' })
  @ApiOkResponse({
    description: 'Valid, with the document; or not, with the code and rule that refuse it (R18.5)',
    schema: {
      type: 'object',
      required: ['valid'],
      properties: {
        valid: { type: 'boolean' },
        document: { type: 'object', additionalProperties: true, description: 'When valid: the document verified' },
        code: { type: 'string', description: 'When not valid' },
        rule: { type: 'string', nullable: true },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  })
  async verify(@Body() body: VerifyDocumentDto): Promise<VerificationAnswer> {
    const signed = presentedApprovalDocument(body.signedDocument);
    const issuer = typeof signed.document?.issuingOrganisationId === 'string' ? signed.document.issuingOrganisationId : '';
    const key = issuer ? await this.keys.publicKey(issuer) : undefined;
    if (key === undefined) {
      return { valid: false, ...domainErrorOf('CUSTOS_R18_5_SIGNATURE_INVALID', { problem: 'no signing key of the issuing organisation' }) };
    }
    const revokedNumbers = new Set((await this.register.revokedBy(issuer)).map((r) => r.number));
    const verified = verifyApprovalDocument(signed, {
      publicKey: key.publicKey,
      at: body.at ? new Date(body.at) : this.options.clock(),
      revokedNumbers,
    });
    return verified.ok ? { valid: true, document: verified.value } : { valid: false, ...verified.error };
  }
}
