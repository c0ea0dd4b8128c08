import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiRefusalCodes, PAGED_INPUT } from '@custos/platform';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { orRefuse } from '@custos/platform';
import { AccessRegisterEntry, AccessRegisterPage, CustodyViews, REGISTER_PAGE_DEFAULT } from '../custody-views.port';
import { AccessRegisterQueryDto } from './access-register.request.dto';
import { AccessRegisterPageDto } from './access-register.response.dto';

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
  'endedAt',
  'endReason',
  'bytes',
  'sha256',
] as const;

@ApiTags('access register')
@ApiBearerAuth()
@Controller('access-register')
export class AccessRegisterHttpController {
  constructor(private readonly readModels: CustodyViews) {}

  /**
   * Every view, copy, retrieval and delivery (R16.6): requesting unit, persons with their
   * credentials, time and purpose. Owners see their systems', officers their organ's, oversight
   * its jurisdiction's. JSON comes in pages (`limit`, `cursor`); `?format=csv` streams the whole
   * register in the caller's scope.
   */
  @Get()
  @Roles('OFFICER', 'OWNER_OPERATOR', 'OVERSIGHT')
  @ApiOperation({ summary: 'The access register (R16.6): JSON pages, or the whole of it as CSV' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AccessRegisterPageDto, description: 'A page of entries in the log order; with format=csv, text/csv of all of them' })
  @ApiRefusalCodes(...PAGED_INPUT)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: AccessRegisterQueryDto): Promise<AccessRegisterPage | StreamableFile> {
    if (query.format === 'csv') {
      const entries = await this.readModels.accessRegisterAll(principal);
      return new StreamableFile(Readable.from(csvLines(entries)), {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="access-register.csv"',
      });
    }
    const page = await this.readModels.accessRegisterPage(principal, {
      limit: query.limit ?? REGISTER_PAGE_DEFAULT,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    return orRefuse(page);
  }
}

/** The CSV, one line at a time as the entries are read. */
async function* csvLines(entries: AsyncIterable<AccessRegisterEntry>): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const e of entries) yield `${csvRow(e)}\r\n`;
}

function csvRow(e: AccessRegisterEntry): string {
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
    endedAt: e.endedAt ?? '',
    endReason: e.endReason ?? '',
    bytes: e.bytes === null ? '' : String(e.bytes),
    sha256: e.sha256 ?? '',
  };
  return CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',');
}

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
