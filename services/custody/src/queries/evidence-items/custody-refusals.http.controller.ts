import { Controller, Get, Query } from '@nestjs/common';
import { ApiRefusalCodes, compareKeys, CursorKind, CursorPart, decodeCursor, Page, PAGED_INPUT, PageDtoOf, pageOfSorted, PageRequestDto } from '@custos/platform';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CustodyViews } from '../custody-views.port';
import { EvidenceItemHistory } from './evidence-item-history.port';
import { custodyTimelineSteps } from './evidence-item-timeline';
import { CustodyTimelineStepDto } from './evidence-items.response.dto';

export class CustodyRefusalsQueryDto extends PageRequestDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Refused at or after' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Refused before' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ description: 'The organ of the refused officers' }) @IsOptional() @IsString() @MaxLength(200) organisationId?: string;
  @ApiPropertyOptional({ example: 'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN' }) @IsOptional() @Matches(/^CUSTOS_[A-Z0-9_]{1,100}$/) code?: string;
  @ApiPropertyOptional({ example: 'R18.5' }) @IsOptional() @IsString() @MaxLength(20) rule?: string;
}

/** A refused step of a package's chain, with the package it was refused on. */
export class CustodyRefusalDto extends CustodyTimelineStepDto {
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty() approvalDocumentNumber!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty({ description: "The package's owner" }) ownerOrganisationId!: string;
}

/** A page of refused steps, newest first. */
export class CustodyRefusalPageDto extends PageDtoOf(CustodyRefusalDto, 'CustodyRefusalPageDto') {}

/**
 * Every refused hand-over, receipt or download of the packages in the caller's jurisdiction
 * (R18.5; R26.1: each with its code, rule and reason; R27.1: oversight sees attempts outside
 * authority), filtered by time, organ, code and rule, newest first and in pages. Read as each
 * package's timeline reads them (its refusals stream, `custodyTimelineSteps`), over every
 * package `GET /evidence-items` shows an oversight body. Oversight only.
 */
@ApiTags('custody')
@ApiBearerAuth()
@Controller('custody-refusals')
export class CustodyRefusalsHttpController {
  constructor(
    private readonly readModels: CustodyViews,
    private readonly history: EvidenceItemHistory,
  ) {}

  @Roles('OVERSIGHT')
  @Get()
  @ApiOkResponse({ type: CustodyRefusalPageDto })
  @ApiRefusalCodes(...PAGED_INPUT)
  @ApiOperation({ summary: 'Refused custody steps of the packages in your jurisdiction, newest first, with filters (R18.5, R26.1, R27.1)' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: CustodyRefusalsQueryDto): Promise<Page<CustodyRefusalDto>> {
    // Refused first: a foreign cursor costs no reading of streams.
    decodeCursor(query.cursor, REFUSAL_KEY_KINDS);
    const items = await this.readModels.evidenceItems(principal);
    const perItem = await Promise.all(
      items.map(async (item) => {
        const steps = custodyTimelineSteps(await this.history.refusalsOf(item.evidenceItemId)).filter((s) => s.step === 'REFUSED');
        const { evidenceItemId, approvalDocumentNumber, requestId, ownerOrganisationId } = item;
        // The refusal's place in its package's stream (append-only) makes the key unique and stable.
        return steps.map((s, n): Keyed => ({ refusal: { ...s, evidenceItemId, approvalDocumentNumber, requestId, ownerOrganisationId }, n }));
      }),
    );
    const wanted = ({ refusal: s }: Keyed) =>
      (query.from === undefined || s.at >= new Date(query.from).toISOString()) &&
      (query.to === undefined || s.at < new Date(query.to).toISOString()) &&
      (query.organisationId === undefined || s.organisationId === query.organisationId || s.officers.some((o) => o.organisationId === query.organisationId)) &&
      (query.code === undefined || s.code === query.code) &&
      (query.rule === undefined || s.rule === query.rule);
    const newestFirst = perItem.flat().filter(wanted).sort((a, b) => -compareKeys(keyOf(a), keyOf(b)));
    const page = pageOfSorted(newestFirst, query, keyOf, REFUSAL_KEY_KINDS, true);
    return { items: page.items.map((k) => k.refusal), nextCursor: page.nextCursor };
  }
}

interface Keyed {
  readonly refusal: CustodyRefusalDto;
  readonly n: number;
}

/** When refused, on which package, its place among that package's refusals. */
const REFUSAL_KEY_KINDS: readonly CursorKind[] = ['date-time', 'string', 'number'];
const keyOf = ({ refusal, n }: Keyed): CursorPart[] => [refusal.at, refusal.evidenceItemId, n];
