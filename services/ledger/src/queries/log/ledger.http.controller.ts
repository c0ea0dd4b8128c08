import { DomainException, Page } from '@custos/platform';
import { domainErrorOf } from '@custos/domain';
import { Readable } from 'node:stream';
import {
  Controller,
  Get,
  Inject,
  Param,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, ROLES } from '@custos/auth';
import { EvidenceBundle } from '@custos/ledger-core';
import { APPROVAL_SIGNING_KEY_CREATED, APPROVAL_SIGNING_KEY_ROTATED, approvalSigningKeysAggregateId } from '@custos/contracts';
import type { Response } from 'express';
import { Pool } from 'pg';
import { LedgerAccess } from '../../shared/ledger-access';
import { buildEvidenceBundle } from '../evidence-bundle/evidence-bundle';
import { ledgerExportChunks } from '../export/ledger-export';
import { GapMonitor, GapStatus } from '../../commands/detect-sequence-gaps/gap-monitor';
import { LedgerError } from '../../domain/ledger.errors';
import { LEDGER_POOL } from '../../ledger.tokens';
import { AggregateHistory, CheckpointView, EntryView, InclusionView, LedgerQueries } from './ledger-queries';
import { ConsistencyQueryDto, EntriesQueryDto, InclusionQueryDto } from './ledger-query.request.dto';
import { AggregateHistoryDto, CheckpointViewDto, ConsistencyDto, EntriesDto, GapStatusDto, InclusionViewDto } from './ledger.response.dto';

/** Expected refusals as coded 4xx bodies; anything else reaches the platform filter as a 500. */
async function answer<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof LedgerError) {
      throw new DomainException(domainErrorOf(error.code, undefined, error.message));
    }
    throw error;
  }
}

function fileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
}

/** `GET /ledger/approval-keys/:organisationId`. */
export interface LedgerApprovalKeys {
  readonly organisationId: string;
  readonly keys: readonly { readonly keyId: string; readonly version: number; readonly publicKeyPem: string; readonly leafIndex: number }[];
}

/** Who may ask about one aggregate: whoever may be involved in one, and oversight (see LedgerAccess). */
const AGGREGATE_READERS = ['OVERSIGHT', 'OFFICER', 'APPROVER', 'OWNER_OPERATOR'] as const;

/**
 * The audit ledger (R5.1, R19.1): signed checkpoints, entries, proofs, an aggregate's history,
 * evidence bundles and the full export for the offline verifier. Hash-only tree data is open to
 * every authenticated caller; an aggregate's events to the organisations involved and to the
 * oversight bodies over them; the whole log to provincial oversight (LedgerAccess, README "Access").
 */
@ApiTags('ledger')
@ApiBearerAuth()
@Roles('OVERSIGHT')
@Controller('ledger')
export class LedgerController {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly gaps: GapMonitor,
    private readonly access: LedgerAccess,
    @Inject(LEDGER_POOL) private readonly pool: Pool,
  ) {}

  /**
   * The approval-signing public keys of an organ as the approvals service recorded them in this
   * log (issue 16): what storage and custody pin, whatever a table says today. Public keys are
   * public; only events the approvals service itself published count.
   */
  @Roles(...ROLES)
  @Get('approval-keys/:organisationId')
  @ApiOperation({ summary: "An organ's approval-signing public keys, as recorded in the ledger (SigningKeyCreated / SigningKeyRotated)" })
  @ApiOkResponse({
    description: 'The keys in the order the ledger recorded them, each with its leaf',
    schema: {
      type: 'object',
      required: ['organisationId', 'keys'],
      properties: {
        organisationId: { type: 'string' },
        keys: {
          type: 'array',
          items: {
            type: 'object',
            required: ['keyId', 'version', 'publicKeyPem', 'leafIndex'],
            properties: { keyId: { type: 'string' }, version: { type: 'integer' }, publicKeyPem: { type: 'string' }, leafIndex: { type: 'integer' } },
          },
        },
      },
    },
  })
  async approvalKeys(@Param('organisationId') organisationId: string): Promise<LedgerApprovalKeys> {
    const { rows } = await this.pool.query(
      `SELECT leaf_index, entry FROM ledger_leaves
        WHERE aggregate_id = $1 AND service = 'approvals' AND event_type = ANY($2) ORDER BY leaf_index`,
      [approvalSigningKeysAggregateId(organisationId), [APPROVAL_SIGNING_KEY_CREATED, APPROVAL_SIGNING_KEY_ROTATED]],
    );
    const keys = rows.flatMap((row: { leaf_index: string; entry: Buffer }) => {
      const payload = (JSON.parse(row.entry.toString('utf8')) as { payload?: Record<string, unknown> }).payload ?? {};
      if (payload.organisationId !== organisationId || typeof payload.keyId !== 'string' || typeof payload.publicKeyPem !== 'string') return [];
      return [{ keyId: payload.keyId, version: Number(payload.version), publicKeyPem: payload.publicKeyPem, leafIndex: Number(row.leaf_index) }];
    });
    return { organisationId, keys };
  }

  /** Hash-only: a size, a root and a signature say nothing about any organisation. */
  @Roles(...ROLES)
  @Get('checkpoints/latest')
  @ApiOkResponse({ type: CheckpointViewDto })
  @ApiOperation({ summary: 'The latest signed checkpoint (C2SP signed note) and where its write-once copy lies' })
  latestCheckpoint(): Promise<CheckpointView> {
    return answer(this.queries.latestCheckpoint());
  }

  @Get('entries')
  @ApiOkResponse({ type: EntriesDto })
  @ApiOperation({ summary: 'Entries in log order, a page after the cursor, with their recorded leaf hashes' })
  async entries(
    @Query() query: EntriesQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<EntryView> & { treeSize: number }> {
    await this.access.assertWholeLog(principal);
    return answer(this.queries.entries(query));
  }

  @Roles(...AGGREGATE_READERS)
  @Get('proofs/inclusion')
  @ApiOperation({
    summary: 'Inclusion proof of one entry (by leafIndex or eventId) in the latest checkpoint or in treeSize',
  })
  @ApiOkResponse({ type: InclusionViewDto })
  async inclusion(@Query() query: InclusionQueryDto, @CurrentPrincipal() principal: Principal): Promise<InclusionView> {
    if ((query.leafIndex === undefined) === (query.eventId === undefined)) {
      throw new DomainException(domainErrorOf('CUSTOS_LEDGER_TARGET_REQUIRED'));
    }
    const target = query.eventId !== undefined ? { eventId: query.eventId } : { leafIndex: query.leafIndex as number };
    await this.access.assertEntry(principal, target);
    return answer(this.queries.inclusion(target, query.treeSize));
  }

  /** Hash-only, like the checkpoint it extends. */
  @Roles(...ROLES)
  @Get('proofs/consistency')
  @ApiOperation({
    summary: 'Consistency proof: the tree of size `from` is a prefix of the tree of size `to` (RFC 9162)',
  })
  @ApiOkResponse({ type: ConsistencyDto })
  consistency(@Query() query: ConsistencyQueryDto): Promise<{ from: number; to: number; consistencyProof: string[] }> {
    return answer(this.queries.consistency(query.from, query.to));
  }

  @Roles(...AGGREGATE_READERS)
  @Get('aggregates/:aggregateId/history')
  @ApiOperation({
    summary: 'Every event of one request or evidence item, with inclusion proofs against the latest checkpoint',
  })
  @ApiOkResponse({ type: AggregateHistoryDto })
  async history(
    @Param('aggregateId') aggregateId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AggregateHistory> {
    await this.access.assertAggregate(principal, aggregateId);
    return answer(this.queries.aggregateHistory(aggregateId));
  }

  @Roles(...AGGREGATE_READERS)
  @Get('aggregates/:aggregateId/evidence-bundle')
  @ApiOperation({ summary: 'Download the evidence bundle of one aggregate, for custos-verify' })
  @ApiOkResponse({ description: 'The EvidenceBundle JSON that custos-verify checks offline', schema: { type: 'object', additionalProperties: true } })
  async evidenceBundle(
    @Param('aggregateId') aggregateId: string,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EvidenceBundle> {
    await this.access.assertAggregate(principal, aggregateId);
    const bundle = await answer(buildEvidenceBundle(this.queries, aggregateId));
    res.setHeader('Content-Disposition', `attachment; filename="evidence-bundle-${fileName(aggregateId)}.json"`);
    return bundle;
  }

  @Get('export')
  @ApiOperation({ summary: 'Download the whole ledger (LedgerExport JSON, streamed) for custos-verify' })
  @ApiOkResponse({ description: 'The LedgerExport JSON that custos-verify checks offline', schema: { type: 'object', additionalProperties: true } })
  async export(
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    // Checked once, before streaming: events appended while it streams are not re-checked.
    await this.access.assertWholeLog(principal);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="ledger-export-${fileName(this.queries.identity.origin)}.json"`,
    );
    const stream = Readable.from(ledgerExportChunks(this.pool, this.queries.identity));
    return new StreamableFile(stream, { type: 'application/json' });
  }

  @Get('gaps')
  @ApiOperation({ summary: 'Sequence gaps per watched service (what /health/ready shows)' })
  @ApiOkResponse({ type: GapStatusDto })
  gapStatus(): GapStatus {
    return this.gaps.gapStatus();
  }
}
