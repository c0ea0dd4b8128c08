import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags, ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import {
  assertOrganisation,
  CurrentPrincipal,
  hasAnyRole,
  Principal,
  Roles,
  SERVICE_SCOPES,
  ServiceScopes,
} from '@custos/auth';
import { ApiAnswer, ApiBinaryOk, refuse } from '@custos/platform';
import { IsUUID } from 'class-validator';
import { ExportRecord, ExportRecords } from '../../domain/export-records.port';
import { STORAGE_ERRORS } from '../../domain/storage.errors';
import { FootageStore } from '../../footage-store/footage-store.port';
import { FOOTAGE_STORE } from '../../storage.tokens';

export class ExportIdParams {
  @IsUUID()
  exportId!: string;
}

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/exports')
export class DownloadExportHttpController {
  constructor(
    private readonly exports: ExportRecords,
    @Inject(FOOTAGE_STORE) private readonly store: FootageStore,
  ) {}

  @ApiParam({ name: 'exportId', description: 'The export package', schema: { type: 'string', format: 'uuid' } })
  @Get(':exportId')
  @Roles('OWNER_OPERATOR', 'SERVICE')
  // Of the services, custody alone reads export packages (it delivers them).
  @ServiceScopes(SERVICE_SCOPES.exportsRead)
  @ApiProduces('application/x-tar')
  @ApiBinaryOk('The package, as stored', 'application/x-tar')
  @ApiOperation({
    summary:
      'The export package (tar) of your organisation, streamed as stored; also to custody (role SERVICE), which delivers it (R18.5)',
  })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ExportIdParams,
    @Res() response: Response,
  ): Promise<void> {
    const record = await this.recordOf(params.exportId);
    // Custody (SERVICE) delivers packages to the receiving officers; an operator reads their own only.
    if (!hasAnyRole(principal, ['SERVICE'])) assertOrganisation(principal, record.organisationId);
    const body = await this.store.read({ key: record.objectKey, versionId: record.versionId });
    response.status(200).set({
      'content-type': 'application/x-tar',
      'content-length': String(record.packageSizeBytes),
      'content-disposition': `attachment; filename="${record.exportId}.tar"`,
      'x-custos-package-sha256': record.packageSha256,
    });
    await pipeline(body, response);
  }

  /**
   * Where custody (role SERVICE only) reads a package it delivers (R18.5): a presigned GET of
   * the stored version, valid for SOURCE_URL_TTL_S, with the recorded size and hash. Custody
   * streams it from the object store itself, one hop fewer than through this service, and
   * re-hashes what it serves; without a URL (a store that has none) it reads GET :exportId.
   */
  @ApiParam({ name: 'exportId', description: 'The export package', schema: { type: 'string', format: 'uuid' } })
  @Get(':exportId/source')
  @Roles('SERVICE')
  @ServiceScopes(SERVICE_SCOPES.exportsRead)
  @ApiAnswer(
    200,
    { exportId: 'uuid', sizeBytes: 'integer', sha256: 'string', url: 'string?' },
    'The recorded size and hash, and a presigned GET when the store has one',
  )
  @ApiOperation({
    summary:
      'Where custody reads an export package it delivers: a short-lived presigned URL of the stored version (role SERVICE)',
  })
  async source(@Param() params: ExportIdParams): Promise<PackageSource> {
    const record = await this.recordOf(params.exportId);
    const ref = { key: record.objectKey, versionId: record.versionId };
    const url = this.store.readUrl ? await this.store.readUrl(ref, SOURCE_URL_TTL_S) : undefined;
    return {
      exportId: record.exportId,
      sizeBytes: record.packageSizeBytes,
      sha256: record.packageSha256,
      ...(url === undefined ? {} : { url }),
    };
  }

  private async recordOf(exportId: string): Promise<ExportRecord> {
    return (await this.exports.find(exportId)) ?? refuse(STORAGE_ERRORS.exportNotFound(exportId));
  }
}

/** Long enough to start the GET (S3 checks the expiry when a request starts, not while it streams). */
export const SOURCE_URL_TTL_S = 60;

export interface PackageSource {
  readonly exportId: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  /** A presigned GET of the stored version; absent when the store has none. */
  readonly url?: string;
}
