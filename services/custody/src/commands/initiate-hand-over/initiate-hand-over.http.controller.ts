import { randomUUID } from 'node:crypto';
import { Body, Controller, Inject, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiRefusals } from '@custos/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HandOverStartedDto } from '../../shared/evidence-item-commands.response.dto';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { assertOfficerOfAuthorisedOrgan, SignedApprovalDocument } from '@custos/domain';
import { ApprovalTrust } from '@custos/platform';
import { verifyApprovalFor } from '../../domain/approval-verifier';
import { HandOverRefusalInterceptor, RecordsHandOverRefusals } from '../../shared/hand-over-refusal.interceptor';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { APPROVAL_TRUST, CUSTODY_OPTIONS } from '../../custody.tokens';
import type { CustodyModuleOptions } from '../../custody.options';
import { EvidenceItemCommands } from '../evidence-item.context';
import { InitiateHandOverRequestDto } from './initiate-hand-over.request.dto';

export const DEFAULT_CO_SIGN_WINDOW_MS = 15 * 60 * 1000;

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/hand-overs')
@RecordsHandOverRefusals('INITIATE')
@UseInterceptors(HandOverRefusalInterceptor, NoFeeInterceptor)
export class InitiateHandOverHttpController {
  constructor(
    private readonly commands: EvidenceItemCommands,
    @Inject(APPROVAL_TRUST) private readonly trust: ApprovalTrust,
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
  ) {}

  /**
   * The first receiving officer, qualified now (R18.2), presents the approval document, which
   * must be genuine, valid, unrevoked and cover the package, and must name the officer's own
   * organ (R18.5). Nothing is released until a second officer confirms (R18.1).
   */
  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: HandOverStartedDto })
  @ApiRefusals(400, 403, 404, 409, 502, 503)
  @ApiOperation({ summary: 'Start a hand-over: the first receiving officer presents the approval document (R18.5)' })
  async initiate(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Body() body: InitiateHandOverRequestDto,
  ): Promise<HandOverStartedDto> {
    const approval = body.approval as unknown as SignedApprovalDocument;
    const handOverId = randomUUID();
    const window = this.options.coSignWindowMs ?? DEFAULT_CO_SIGN_WINDOW_MS;
    const { item } = await this.commands.decide(principal, evidenceItemId, async (item, officer, now) => {
      const verified = await verifyApprovalFor(this.trust, approval, item, now);
      if (!verified.ok) return verified;
      const ofOrgan = assertOfficerOfAuthorisedOrgan(officer.record, verified.value.requestingOrganisationId, {
        number: verified.value.number,
      });
      if (!ofOrgan.ok) return ofOrgan;
      return item.initiateHandOver(
        {
          handOverId,
          receivingOrganisationId: officer.record.organisationId,
          officer: officer.record,
          approvalDocumentNumber: verified.value.number,
          approvalDocumentId: verified.value.documentId,
          approval: approval as unknown as Record<string, unknown>,
          purpose: body.purpose,
          initiatedAt: now.toISOString(),
          confirmBy: new Date(now.getTime() + window).toISOString(),
          ...(await this.commands.rulePackFieldOf(item, principal.divisionCode, now)),
        },
        now,
      );
    });
    const pending = item.pendingHandOver!;
    return {
      evidenceItemId,
      handOverId,
      status: 'AWAITING_SECOND_OFFICER',
      approvalDocumentNumber: pending.approvalDocumentNumber,
      confirmBy: pending.confirmBy,
    };
  }
}
