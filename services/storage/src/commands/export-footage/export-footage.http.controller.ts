import { Body, Controller, Logger, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { DomainError, presentedApprovalDocument, Result } from '@custos/domain';
import { ApiRefusalCodes, orRefuse } from '@custos/platform';
import { APPROVED_SCOPE_REFUSALS } from '../approved-scope.refusals';
import { ExportDto } from '../../queries/shared/storage.response.dto';
import { ExportFootageCommand, ExportProgress } from './export-footage.command';
import { ExportResult } from './export-footage.handler';
import { ExportFootageRequestDto, ExportProgressLineDto } from './export-footage.request.dto';

/** At most this often a progress line is written (ms), besides the first and the last. */
const PROGRESS_EVERY_MS = 100;

/** What an export may be refused with, before any byte is written (R18.5, R3.1). */
const EXPORT_ERRORS = [...APPROVED_SCOPE_REFUSALS, 'CUSTOS_R3_1_UNKNOWN_CAMERA', 'CUSTOS_R18_5_ALREADY_EXPORTED'];

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/exports')
export class ExportFootageHttpController {
  private readonly logger = new Logger('Storage');

  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OWNER_OPERATOR')
  @ApiOperation({ summary: 'Package the footage an approval document covers (R18.5), with a signed manifest' })
  @ApiCreatedResponse({ type: ExportDto, description: 'The package stored and recorded' })
  @ApiRefusalCodes(...EXPORT_ERRORS)
  async export(@CurrentPrincipal() principal: Principal, @Body() body: ExportFootageRequestDto): Promise<ExportDto> {
    return this.run(principal, body);
  }

  /**
   * The same export, answered as it is written: newline-delimited JSON, one `progress` line
   * (bytes of about totalBytes) as the package streams into the store, then one `done` line with
   * the export (the body `POST /footage/exports` answers) or one `failed` line. A refusal
   * (approval, scope, already exported) comes before any byte is written: a coded 4xx as usual.
   */
  @Post('with-progress')
  @Roles('OWNER_OPERATOR')
  @ApiOperation({
    summary: 'Package the footage an approval document covers (R18.5), telling the progress as NDJSON lines',
  })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    type: ExportProgressLineDto,
    description: 'One JSON object a line: `progress` lines, then `done` or `failed`',
  })
  @ApiRefusalCodes(...EXPORT_ERRORS)
  async exportWithProgress(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ExportFootageRequestDto,
    @Res() res: Response,
  ): Promise<void> {
    let last = 0;
    const line = (value: ExportProgressLineDto) => res.write(`${JSON.stringify(value)}\n`);
    const onProgress = (p: ExportProgress) => {
      if (!res.headersSent) {
        res.status(200).setHeader('content-type', 'application/x-ndjson; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        res.setHeader('x-accel-buffering', 'no');
        res.flushHeaders();
      }
      const now = Date.now();
      if (p.bytes !== 0 && p.bytes !== p.totalBytes && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      line({ type: 'progress', bytes: p.bytes, totalBytes: p.totalBytes });
    };
    let answer: ExportDto;
    try {
      answer = await this.run(principal, body, onProgress);
    } catch (error) {
      // Before the first byte: the coded refusal as any endpoint answers it.
      if (!res.headersSent) throw error;
      const code = (error as { code?: unknown }).code;
      this.logger.error({ msg: 'export failed while written', reason: String((error as Error)?.message ?? error) });
      line({ type: 'failed', code: typeof code === 'string' ? code : 'CUSTOS_INTERNAL_ERROR' });
      res.end();
      return;
    }
    if (!res.headersSent) res.status(200).setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    line({ type: 'done', export: { ...answer } });
    res.end();
  }

  private async run(
    principal: Principal,
    body: ExportFootageRequestDto,
    onProgress?: (p: ExportProgress) => void,
  ): Promise<ExportDto> {
    // A bound left out is the approved bound: the handler fills it in from the document.
    const window = {
      ...(body.from !== undefined ? { from: new Date(body.from) } : {}),
      ...(body.to !== undefined ? { to: new Date(body.to) } : {}),
    };
    const approval = presentedApprovalDocument(body.approval);
    const publication = body.purpose === 'PUBLICATION' ? { masking: body.masking } : undefined;
    const r = orRefuse(
      await this.commands.execute<ExportFootageCommand, Result<ExportResult, DomainError>>(
        new ExportFootageCommand(
          principal,
          approval,
          body.cameraIds,
          window,
          body.reExport?.reason,
          publication,
          onProgress,
        ),
      ),
    );
    return {
      exportId: r.exportId,
      approvalDocumentNumber: r.approvalDocumentNumber,
      cameraIds: [...r.cameraIds],
      window: r.window,
      segmentIds: [...r.segmentIds],
      packageSha256: r.packageSha256,
      packageSizeBytes: r.packageSizeBytes,
      manifestSha256: r.manifestSha256,
      signerKeyId: r.signerKeyId,
      exportedAt: r.exportedAt.toISOString(),
      ...(r.reExport ? { reExport: r.reExport } : {}),
      // Straddling segments that could not be cut at the window's bounds were left out (R3.1).
      ...(r.notCut.length > 0 ? { notCut: r.notCut.map((u) => ({ ...u, withinScope: { ...u.withinScope } })) } : {}),
    };
  }
}
