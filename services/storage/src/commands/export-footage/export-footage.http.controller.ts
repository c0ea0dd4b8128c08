import { Body, Controller, Logger, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { SignedApprovalDocument } from '@custos/domain';
import { DomainException } from '@custos/platform';
import { ExportFootageCommand } from './export-footage.command';
import { ExportFootageHandler } from './export-footage.handler';
import { ExportFootageRequestDto } from './export-footage.request.dto';

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/exports')
export class ExportFootageHttpController {
  private readonly logger = new Logger('Storage');

  constructor(private readonly handler: ExportFootageHandler) {}

  @Post()
  @Roles('OWNER_OPERATOR')
  @ApiOperation({ summary: 'Package the footage an approval document covers (R18.5), with a signed manifest' })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ExportFootageRequestDto,
  ): Promise<Record<string, unknown>> {
    // A bound left out is the approved bound: the handler fills it in from the document.
    const window = {
      ...(body.from !== undefined ? { from: new Date(body.from) } : {}),
      ...(body.to !== undefined ? { to: new Date(body.to) } : {}),
    };
    const approval = body.approval as unknown as SignedApprovalDocument;
    const publication = body.purpose === 'PUBLICATION' ? { masking: body.masking } : undefined;
    const result = await this.handler.execute(new ExportFootageCommand(principal, approval, body.cameraIds, window, body.reExport?.reason, publication));
    if (!result.ok) {
      // The refusal is answered whether or not its record could be written; a failure to record is logged.
      await this.handler
        .recordRefusal(principal, approval, result.error)
        .catch((error: unknown) =>
          this.logger.error({
            msg: 'export refusal not recorded',
            code: result.error.code,
            reason: String((error as Error)?.message ?? error),
          }),
        );
      throw new DomainException(result.error);
    }
    const r = result.value;
    return {
      exportId: r.exportId,
      approvalDocumentNumber: r.approvalDocumentNumber,
      cameraIds: r.cameraIds,
      window: r.window,
      segmentIds: r.segmentIds,
      packageSha256: r.packageSha256,
      packageSizeBytes: r.packageSizeBytes,
      manifestSha256: r.manifestSha256,
      signerKeyId: r.signerKeyId,
      exportedAt: r.exportedAt.toISOString(),
      ...(r.reExport ? { reExport: r.reExport } : {}),
      // Straddling segments that could not be cut at the window's bounds were left out (R3.1).
      ...(r.notCut.length > 0 ? { notCut: r.notCut } : {}),
    };
  }
}
