import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiRefusalCodes } from '../errors/error-body.dto';
import { CurrentPrincipal, Principal, principalToActor, Roles } from '@custos/auth';
import { EventStoreError, QuarantinedEvent, QuarantineReader } from '@custos/eventstore';
import { randomUUID } from 'node:crypto';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { currentCorrelationId } from '../logging/request-context';
import { Page, PageDtoOf, pageOfSorted, PageRequestDto } from '../http/paging';
import { PAGED_INPUT } from '../errors/documented-refusals';

/**
 * The readers (projections, consumers) of the service whose quarantine an operator acts on;
 * asked at each call, since consumers start with the application, after the providers exist.
 */
export const QUARANTINE_READERS = Symbol('QUARANTINE_READERS');

export interface QuarantineReaders {
  readers(): readonly QuarantineReader[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ResolveQuarantinedRequestDto {
  /** REPLAY applies the event again (after a fix); SKIP never applies it. */
  @ApiProperty({ enum: ['REPLAY', 'SKIP'], description: 'REPLAY applies the event again (after a fix); SKIP never applies it' })
  @IsIn(['REPLAY', 'SKIP']) decision!: 'REPLAY' | 'SKIP';
  /** Why: recorded in the decision's event, and so in the ledger. */
  @ApiProperty({ maxLength: 2000, description: "Why: recorded in the decision's event, and so in the ledger" })
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
}

/** One event a reader set aside, as the operators see it. */
export class QuarantinedEventDto implements QuarantinedEvent {
  @ApiProperty() reader!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() aggregateId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'integer', nullable: true }) sequence!: number | null;
  @ApiProperty({ enum: ['FAILED', 'WAITING'] }) state!: 'FAILED' | 'WAITING';
  @ApiProperty() error!: string;
  @ApiProperty({ format: 'date-time' }) quarantinedAt!: string;
}

export class QuarantineListDto extends PageDtoOf(QuarantinedEventDto) {}

export class QuarantineResolvedDto {
  @ApiProperty({ type: 'integer', description: 'Events the decision let through' }) released!: number;
  @ApiProperty({ type: 'integer', description: 'Events of the same aggregate still set aside' }) stillWaiting!: number;
}

/**
 * The operator's command on events that a projection or consumer of this service set aside
 * (`GET /admin/quarantine`, `POST /admin/quarantine/:reader/:eventId`). Each decision is an
 * event of the service's own log (`<service>.QuarantinedEventResolved`) with the operator as
 * actor and the reason given, so it reaches the ledger.
 */
@ApiTags('operations')
@Controller('admin/quarantine')
export class QuarantineHttpController {
  constructor(@Inject(QUARANTINE_READERS) private readonly service: QuarantineReaders) {}

  @Roles('OPERATOR')
  @Get()
  @ApiOperation({ summary: 'The events a reader set aside as unreadable (quarantine), for the operators' })
  @ApiOkResponse({ type: QuarantineListDto })
  @ApiRefusalCodes(...PAGED_INPUT)
  async list(@Query() query: PageRequestDto): Promise<Page<QuarantinedEvent>> {
    const lists = await Promise.all(this.service.readers().map((r) => r.quarantined()));
    // Reader by reader, each in its own order: the cursor names the last event given.
    return pageOfSorted(lists.flat(), query, (e) => [e.reader, e.eventId], ['string', 'string']);
  }

  @Roles('OPERATOR')
  @Post(':reader/:eventId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolves a quarantined event: retried or skipped, with the reason recorded' })
  @ApiOkResponse({ type: QuarantineResolvedDto })
  @ApiRefusalCodes('CUSTOS_ES_QUARANTINE_NOT_FOUND')
  resolve(
    @CurrentPrincipal() principal: Principal,
    @Param('reader') reader: string,
    @Param('eventId') eventId: string,
    @Body() body: ResolveQuarantinedRequestDto,
  ): Promise<{ released: number; stillWaiting: number }> {
    const found = this.service.readers().find((r) => r.name === reader);
    if (!found || !UUID.test(eventId)) {
      throw new EventStoreError('CUSTOS_ES_QUARANTINE_NOT_FOUND', 404, `no event ${eventId} set aside by a reader ${reader} of this service`);
    }
    return found.resolve({
      eventId,
      decision: body.decision,
      reason: body.reason,
      actor: principalToActor(principal),
      correlationId: currentCorrelationId() ?? randomUUID(),
    });
  }
}
