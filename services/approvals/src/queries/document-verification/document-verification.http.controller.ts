import { Public } from '@custos/auth';
import { parseApprovalQr, verifyApprovalDocument } from '@custos/domain';
import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ResolvedApprovalsOptions } from '../../approvals.options';
import { APPROVALS_OPTIONS } from '../../approvals.tokens';
import { ApprovalSigningKeys } from '../../domain/approval-signing.port';
import { APPROVALS_REGISTRY_FACTS, ApprovalsRegistryFacts } from '../../registry/registry-facts.port';
import { ApiRefusalCodes } from '@custos/platform';
import { DocumentVerificationDto, VerificationStatus } from '../approval-documents/approval-document.response.dto';
import { DocumentVerificationQueryDto } from './document-verification.request.dto';
import { ApprovalDocumentRegister } from '../approval-documents/approval-document-register.query';

const STATUS_OF_CODE: Record<string, VerificationStatus> = {
  CUSTOS_R18_5_SIGNATURE_INVALID: 'TAMPERED',
  CUSTOS_R18_5_REVOKED: 'REVOKED',
  CUSTOS_R18_5_EXPIRED: 'EXPIRED',
  CUSTOS_R18_5_NOT_YET_VALID: 'NOT_YET_VALID',
};

/**
 * The public check of a printed approval document (R18.5), opened by scanning its QR code on
 * any device: no sign-in. The signature the code carries must verify, with the issuing organ's
 * key, over the document this service holds under that id and number, and the document must not
 * be revoked. One indexed row and one key per call, nothing cached (a revocation shows at once),
 * no session: an ingress may rate-limit it by address like any static page.
 */
@ApiTags('approval documents')
@Controller('approval-documents/verification')
export class DocumentVerificationHttpController {
  constructor(
    private readonly register: ApprovalDocumentRegister,
    private readonly keys: ApprovalSigningKeys,
    @Inject(APPROVALS_REGISTRY_FACTS) private readonly facts: ApprovalsRegistryFacts,
    @Inject(APPROVALS_OPTIONS) private readonly options: ResolvedApprovalsOptions,
  ) {}

  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: DocumentVerificationDto, description: 'VALID, REVOKED, EXPIRED, NOT_YET_VALID or TAMPERED' })
  @ApiRefusalCodes('CUSTOS_VALIDATION_FAILED')
  @ApiOperation({ summary: 'Verifies a printed approval document from its QR code (public)' })
  async verify(@Query() query: DocumentVerificationQueryDto): Promise<DocumentVerificationDto> {
    const now = this.options.clock();
    const tampered = (problem: string): DocumentVerificationDto => ({ status: 'TAMPERED', checkedAt: now.toISOString(), problem, document: null, revokedAt: null });
    const payload = parseApprovalQr(new URLSearchParams({ d: query.d, n: query.n, s: query.s }));
    if (payload === undefined) return tampered('SIGNATURE_MISMATCH');
    const registered = await this.register.byDocumentId(payload.documentId);
    if (registered === undefined) return tampered('UNKNOWN_DOCUMENT');
    const { signed: held, revokedAt } = registered;
    if (held.document.number !== payload.number) return tampered('NUMBER_MISMATCH');
    const key = await this.keys.publicKey(held.document.issuingOrganisationId);
    if (key === undefined) return tampered('NO_KEY');
    // The signature from the paper over the document held: a forged code or an altered record fails it.
    const verified = verifyApprovalDocument(
      { document: held.document, signature: payload.signature, keyId: held.keyId },
      { publicKey: key.publicKey, at: now, revokedNumbers: new Set(revokedAt ? [held.document.number] : []) },
    );
    const status = verified.ok ? 'VALID' : (STATUS_OF_CODE[verified.error.code] ?? 'TAMPERED');
    if (status === 'TAMPERED') return tampered('SIGNATURE_MISMATCH');
    const doc = held.document;
    const names = await this.facts.names?.({ organisationIds: [doc.issuingOrganisationId, doc.requestingOrganisationId] });
    const organisation = (id: string) => ({ id, name: names?.organisations.get(id) ?? null });
    return {
      status,
      checkedAt: now.toISOString(),
      problem: null,
      document: {
        number: doc.number,
        kind: doc.kind,
        issuingOrganisation: organisation(doc.issuingOrganisationId),
        requestingOrganisation: organisation(doc.requestingOrganisationId),
        issuedAt: doc.issuedAt,
        validFrom: doc.validFrom,
        validUntil: doc.validUntil,
      },
      revokedAt: revokedAt?.toISOString() ?? null,
    };
  }
}
