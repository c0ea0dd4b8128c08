import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import type { Response } from 'express';
import { AccessRegisterEntry, CustodyReadModels } from '../../database/custody.read-models';
import { AccessRegisterQueryDto } from './access-register.request.dto';

const CSV_COLUMNS = [
  'at',
  'accessKind',
  'requestingOrganisationId',
  'persons',
  'purpose',
  'approvalDocumentNumber',
  'ownerOrganisationId',
  'cameraIds',
  'evidenceItemId',
  'entryId',
] as const;

@ApiTags('access register')
@ApiBearerAuth()
@Controller('access-register')
export class AccessRegisterHttpController {
  constructor(private readonly readModels: CustodyReadModels) {}

  /**
   * Every view, copy and retrieval (R16.6): requesting unit, persons with their credentials,
   * time and purpose. Owners see their systems', officers their organ's, oversight its
   * jurisdiction's. `?format=csv` answers CSV.
   */
  @Get()
  @Roles('OFFICER', 'OWNER_OPERATOR', 'OVERSIGHT')
  @ApiOperation({ summary: 'The access register (R16.6), as JSON or CSV' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AccessRegisterQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ entries: AccessRegisterEntry[] } | string> {
    const entries = await this.readModels.accessRegister(principal);
    if (query.format !== 'csv') return { entries };
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader('content-disposition', 'attachment; filename="access-register.csv"');
    return toCsv(entries);
  }
}

export function toCsv(entries: readonly AccessRegisterEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      at: e.at,
      accessKind: e.accessKind,
      requestingOrganisationId: e.requestingOrganisationId,
      persons: e.persons.map((p) => `${p.personId}:${p.credentialNumber}`).join(';'),
      purpose: e.purpose,
      approvalDocumentNumber: e.approvalDocumentNumber ?? '',
      ownerOrganisationId: e.ownerOrganisationId,
      cameraIds: e.cameraIds.join(';'),
      evidenceItemId: e.evidenceItemId,
      entryId: e.entryId,
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(cells[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
