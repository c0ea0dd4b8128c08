import {
  APPROVAL_DECISION_REFUSED,
  APPROVAL_DOCUMENT_REVOKED,
  APPROVAL_GRANTED,
  CUSTODY_DIRECT_ACCESS_SESSION_OPENED,
  CUSTODY_EVIDENCE_ITEM_OPENED,
  CUSTODY_INTEGRITY_MISMATCH_DETECTED,
  CUSTODY_PACKAGE_DELIVERY_INTERRUPTED,
  STORAGE_EXPORT_PACKAGED,
  STORAGE_FOOTAGE_NOT_HELD,
  CUSTODY_HANDED_OVER,
  CUSTODY_VIEWED,
  eventTopic,
  EventEnvelope,
  FEE_CHARGE_REFUSED,
  FacilityChangeReported,
  ForbiddenCameraChangeRefused,
  ForbiddenCameraRegistrationRefused,
  idOfRegistryStream,
  LedgerEntryRef,
  MandatorySiteRegistered,
  REGISTRY_FACILITY_CHANGE_REPORTED,
  REGISTRY_MANDATORY_SITE_COVERAGE_RECORDED,
  REGISTRY_MANDATORY_SITE_REGISTERED,
  REGISTRY_SIGNAGE_EVIDENCE_RECORDED,
  SignageMissingFound,
  OversightSubject,
  REGISTRY_FORBIDDEN_CAMERA_CHANGE_REFUSED,
  REGISTRY_FORBIDDEN_CAMERA_REGISTRATION_REFUSED,
  REGISTRY_IMAGE_SYSTEM_REGISTERED,
  REGISTRY_LATE_FACILITY_CHANGE_REPORT_FOUND,
  REGISTRY_ORGANISATION_REGISTERED,
  REGISTRY_RETENTION_REFUSED,
  REGISTRY_SIGNAGE_MISSING_FOUND,
  REQUEST_CO_SIGNED,
  REQUEST_FILED,
  STORAGE_ORIGINAL_ALTERATION_REFUSED,
  STORAGE_SEGMENT_INGESTED,
} from '@custos/contracts';
import { AutomaticFindingKind, automaticFindingOf, MANDATORY_SITE_GRACE_DAYS } from '@custos/domain';
import { dispatchEvent, EventConsumer, EventHandlers, EventStore, EventTransport } from '@custos/eventstore';
import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { everyServiceEventRegistry, OBSERVED_SERVICES } from '../database/oversight.event-store';
import { raiseOverdueSites } from './mandatory-sites';
import { raiseFinding } from './raise-finding';

/** Events that move an approved request on (or end it): what "no case progress" looks for (R27.1). */
const CASE_PROGRESS_EVENTS = new Set([STORAGE_EXPORT_PACKAGED, STORAGE_FOOTAGE_NOT_HELD, CUSTODY_EVIDENCE_ITEM_OPENED, CUSTODY_DIRECT_ACCESS_SESSION_OPENED, APPROVAL_DOCUMENT_REVOKED]);

/** The code of a step refused because its approval document was revoked (R18.5), whichever service refused it. */
const REVOKED_DOCUMENT = 'CUSTOS_R18_5_REVOKED';

/** The rules a refused approval outside the head's authority cites (R17.2–R17.4, CN2025-USE). */
const AUTHORITY_RULES = new Set(['R17.2', 'R17.3', 'R17.4', 'CN2025-USE']);

/**
 * Consumes every service's topic (through the inbox: a redelivered event changes nothing; a
 * poison event is quarantined and the rest go on). It keeps the facts oversight places and
 * counts with (`observed-facts.schema.ts`) and raises a finding (`oversight.FindingRaised`, on
 * oversight's own log, in the same transaction) for each refusal or finding of another service
 * that is a breach (R8.1, R11.1, R15.1, R16.3, R16.7, R17.5), naming the event it rests on.
 * Facts for the anomaly figures (R27.1) are kept in `ov_activity`: approvals granted and what
 * moved each request on, interrupted deliveries, integrity mismatches, uses of revoked documents.
 */
export function everyTopicConsumer(options: {
  pool: Pool;
  transport: EventTransport;
  store: EventStore;
  topicPrefix?: string;
  graceDays?: number;
}): EventConsumer {
  const logger = new Logger('Oversight');
  const handler = new ObservedEventsHandler(options.store, options.graceDays);
  return new EventConsumer({
    name: 'oversight-every-topic',
    topics: OBSERVED_SERVICES.map((s) => eventTopic(s, options.topicPrefix)),
    pool: options.pool,
    transport: options.transport,
    registry: everyServiceEventRegistry(),
    handle: (event, tx) => handler.handle(event, tx),
    onError: (error) => logger.error({ msg: 'event not applied', reason: String((error as Error)?.message ?? error) }),
  });
}

export class ObservedEventsHandler {
  constructor(
    private readonly store: EventStore,
    private readonly graceDays: number = MANDATORY_SITE_GRACE_DAYS,
  ) {}

  async handle(event: EventEnvelope, tx: PoolClient): Promise<void> {
    const p = event.payload;
    if (p.code === REVOKED_DOCUMENT && event.actor.organisationId) {
      await this.activity(tx, event, 'REVOKED_DOCUMENT_USE', event.actor.organisationId, [event.actor.personId ?? event.actor.subject], event.type);
    }
    if (CASE_PROGRESS_EVENTS.has(event.type)) {
      const organ = (p.requestingOrganisationId ?? p.issuingOrganisationId ?? event.actor.organisationId ?? '') as string;
      await this.activity(tx, event, 'CASE_PROGRESS', organ, [p.requestId as string], event.type);
    }
    await dispatchEvent(this.handlers, event, tx);
  }

  /** The facts oversight places and counts with, and the findings it raises, per event type. */
  private readonly handlers: EventHandlers<PoolClient> = {
    [REGISTRY_ORGANISATION_REGISTERED]: (o, event, tx) =>
      tx.query('INSERT INTO ov_organisations (id, type, level, division_code) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
        idOfRegistryStream(event.aggregateId),
        o.type,
        o.level,
        o.divisionCode,
      ]),
    [REGISTRY_IMAGE_SYSTEM_REGISTERED]: (s, event, tx) =>
      tx.query('INSERT INTO ov_systems (id, owner_organisation_id, division_code) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
        idOfRegistryStream(event.aggregateId),
        s.ownerOrganisationId,
        s.divisionCode,
      ]),
    [REGISTRY_FORBIDDEN_CAMERA_REGISTRATION_REFUSED]: (r, event, tx) => this.forbiddenCamera(tx, event, 'FORBIDDEN_CAMERA_REGISTRATION', r),
    [REGISTRY_FORBIDDEN_CAMERA_CHANGE_REFUSED]: (r, event, tx) => this.forbiddenCamera(tx, event, 'FORBIDDEN_CAMERA_CHANGE', r),
    [REGISTRY_SIGNAGE_EVIDENCE_RECORDED]: (e, event, tx) =>
      tx.query(
        'INSERT INTO ov_signage_evidence (evidence_id, service, sequence, event_id, type) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [e.evidenceId, event.service, event.sequence, event.id, event.type],
      ),
    [REGISTRY_SIGNAGE_MISSING_FOUND]: (found, event, tx) => this.signageMissing(tx, event, found),
    [REGISTRY_MANDATORY_SITE_REGISTERED]: (site, event, tx) => this.siteRegistered(tx, event, site),
    [REGISTRY_MANDATORY_SITE_COVERAGE_RECORDED]: (c, event, tx) => this.cover(tx, event, [c.imageSystemId]),
    [REGISTRY_FACILITY_CHANGE_REPORTED]: (change, event, tx) => this.facilityChanged(tx, event, change),
    [REGISTRY_LATE_FACILITY_CHANGE_REPORT_FOUND]: async (r, event, tx) =>
      this.raise(tx, event, 'LATE_CHANGE_REPORT', await this.systemSubject(tx, idOfRegistryStream(event.aggregateId)), r.code),
    [REGISTRY_RETENTION_REFUSED]: async (r, event, tx) => {
      // A refused registration left no system: the refusal itself says where it would have stood.
      const registered = r.imageSystemId ? await this.systemSubject(tx, r.imageSystemId) : {};
      const subject = 'organisationId' in registered ? registered : { ...(r.imageSystemId ? { imageSystemId: r.imageSystemId } : {}), organisationId: r.ownerOrganisationId, divisionCode: r.divisionCode };
      return this.raise(tx, event, 'RETENTION_BELOW_FLOOR', subject, r.code);
    },
    [STORAGE_SEGMENT_INGESTED]: (s, _event, tx) =>
      tx.query('INSERT INTO ov_segments (id, image_system_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [s.segmentId, s.imageSystemId]),
    [STORAGE_ORIGINAL_ALTERATION_REFUSED]: async (a, event, tx) => {
      const { rows } = await tx.query('SELECT image_system_id FROM ov_segments WHERE id = $1', [a.segmentId]);
      // A delete of nothing is still an attempt: placed by the organisation that tried it.
      const subject = rows.length > 0 ? await this.systemSubject(tx, rows[0].image_system_id as string) : await this.organisationSubject(tx, event.actor.organisationId);
      return this.raise(tx, event, 'ORIGINAL_ALTERATION_ATTEMPT', subject, a.code);
    },
    [FEE_CHARGE_REFUSED]: async (f, event, tx) => this.raise(tx, event, 'FEE_ATTEMPT', await this.organisationSubject(tx, f.ownerOrganisationId), f.code),
    [REQUEST_FILED]: (r, event, tx) =>
      tx.query(
        'INSERT INTO ov_requests (id, organisation_id, division_code, filer_person_id) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
        [event.aggregateId, r.requestingOrganisation.id, r.requestingOrganisation.divisionCode, r.filer.personId],
      ),
    [REQUEST_CO_SIGNED]: async (c, event, tx) => {
      const { rows } = await tx.query('SELECT organisation_id, filer_person_id FROM ov_requests WHERE id = $1', [event.aggregateId]);
      // Filing and co-signature share the request's key, so the filing came first; if not, retry.
      if (rows.length === 0) throw new Error(`co-signature of unknown request ${event.aggregateId}`);
      const pair = [rows[0].filer_person_id as string, c.coSigner.personId].sort().join('+');
      return this.activity(tx, event, 'OFFICER_PAIR', rows[0].organisation_id as string, [pair], event.aggregateId);
    },
    [APPROVAL_DECISION_REFUSED]: async (d, event, tx) => {
      const kind = d.code === 'CUSTOS_R27_1_SELF_APPROVAL' ? 'SELF_APPROVAL_ATTEMPT' : AUTHORITY_RULES.has(d.rule) ? 'OUTSIDE_AUTHORITY_ATTEMPT' : undefined;
      if (kind) await this.activity(tx, event, kind, d.actor.organisationId, [d.actor.personId], d.code);
    },
    [APPROVAL_GRANTED]: async (g, event, tx) => {
      const named = (g.signedDocument.document as { requestingOrganisationId?: unknown } | undefined)?.requestingOrganisationId;
      const { rows } = typeof named === 'string' ? { rows: [{ organisation_id: named }] } : await tx.query('SELECT organisation_id FROM ov_requests WHERE id = $1', [g.requestId]);
      const organ = (rows[0]?.organisation_id as string | undefined) ?? g.approver.organisationId;
      return this.activity(tx, event, 'APPROVAL_GRANTED', organ, [g.requestId], g.requestId, g.decidedAt);
    },
    [CUSTODY_PACKAGE_DELIVERY_INTERRUPTED]: (d, event, tx) =>
      this.activity(tx, event, 'DELIVERY_INTERRUPTED', d.requestedBy.organisationId, [d.requestedBy.personId], d.reason, d.at),
    [CUSTODY_INTEGRITY_MISMATCH_DETECTED]: (m, event, tx) => this.activity(tx, event, 'INTEGRITY_MISMATCH', m.organisationId, [m.personId], m.during, m.detectedAt),
    [CUSTODY_VIEWED]: (v, event, tx) => this.activity(tx, event, 'ACCESS', v.organisationId, v.officers.map((o) => o.personId), 'VIEW', v.viewedAt),
    [CUSTODY_HANDED_OVER]: (h, event, tx) =>
      this.activity(tx, event, 'ACCESS', h.receivingOrganisationId, h.officers.map((o) => o.personId), h.kind, h.handedOverAt),
  };

  private async forbiddenCamera(
    tx: PoolClient,
    event: EventEnvelope,
    kind: AutomaticFindingKind,
    refused: ForbiddenCameraRegistrationRefused | ForbiddenCameraChangeRefused,
  ): Promise<void> {
    const subject = await this.systemSubject(tx, idOfRegistryStream(event.aggregateId));
    return this.raise(tx, event, kind, { ...subject, cameraId: refused.cameraId }, refused.code);
  }

  /** A sign seen missing names the observation (photo or inspection record) beside the finding's own event. */
  private async signageMissing(tx: PoolClient, event: EventEnvelope, found: SignageMissingFound): Promise<void> {
    const observed = found.evidenceId
      ? (await tx.query('SELECT service, sequence, event_id, type FROM ov_signage_evidence WHERE evidence_id = $1', [found.evidenceId])).rows
      : [];
    const evidence = observed.map((r) => ({ service: r.service as string, sequence: Number(r.sequence), eventId: r.event_id as string, type: r.type as string }));
    return this.raise(tx, event, 'SIGNAGE_MISSING', await this.systemSubject(tx, idOfRegistryStream(event.aggregateId)), found.code, evidence);
  }

  private async siteRegistered(tx: PoolClient, event: EventEnvelope, site: MandatorySiteRegistered): Promise<void> {
    const covering = site.coveringSystemIds ?? [];
    await tx.query(
      `INSERT INTO ov_mandatory_sites (id, name, rule, division_code, responsible_organisation_id, uncovered_since,
         source_service, source_sequence, source_event_id, source_type) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (id) DO NOTHING`,
      [idOfRegistryStream(event.aggregateId), site.name, site.rule, site.divisionCode, site.responsibleOrganisationId, covering.length > 0 ? null : site.dutySince, event.service, event.sequence, event.id, event.type],
    );
    if (covering.length > 0) await this.cover(tx, event, covering);
    else await this.raiseOverdueSites(tx, event);
  }

  /**
   * The site of `event` (its registration, or coverage recorded) is covered by `systemIds`. A
   * system oversight has already seen removed covers nothing: the site's and the system's events
   * come on different partitions, in any order; with none of the systems left, the site is
   * uncovered since the latest of their removals, which a finding then names, as it would be had
   * the removals come after it.
   */
  private async cover(tx: PoolClient, event: EventEnvelope, systemIds: readonly string[]): Promise<void> {
    const siteId = idOfRegistryStream(event.aggregateId);
    const covered = await tx.query(
      `INSERT INTO ov_site_coverage (site_id, image_system_id)
       SELECT $1, s FROM unnest($2::text[]) s WHERE s NOT IN (SELECT image_system_id FROM ov_removed_systems)
       ON CONFLICT DO NOTHING RETURNING image_system_id`,
      [siteId, systemIds],
    );
    if ((covered.rowCount ?? 0) > 0) {
      await tx.query('UPDATE ov_mandatory_sites SET uncovered_since = NULL WHERE id = $1', [siteId]);
    } else {
      await tx.query(
        `UPDATE ov_mandatory_sites m SET uncovered_since = r.removed_at, source_service = r.source_service,
           source_sequence = r.source_sequence, source_event_id = r.source_event_id, source_type = r.source_type, raised = false
           FROM (SELECT * FROM ov_removed_systems WHERE image_system_id = ANY($2::text[]) ORDER BY removed_at DESC LIMIT 1) r
          WHERE m.id = $1 AND m.source_event_id IS DISTINCT FROM r.source_event_id
            AND NOT EXISTS (SELECT 1 FROM ov_site_coverage c WHERE c.site_id = m.id)`,
        [siteId, systemIds],
      );
    }
    await this.raiseOverdueSites(tx, event);
  }

  private async facilityChanged(tx: PoolClient, event: EventEnvelope, change: FacilityChangeReported): Promise<void> {
    if (change.kind !== 'REMOVED' || change.cameraId !== undefined) return;
    // The removal of a site's last covering system leaves it without one from the day of the change.
    const systemId = idOfRegistryStream(event.aggregateId);
    await tx.query(
      `INSERT INTO ov_removed_systems (image_system_id, removed_at, source_service, source_sequence, source_event_id, source_type)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [systemId, change.changedAt, event.service, event.sequence, event.id, event.type],
    );
    await tx.query(
      `WITH gone AS (DELETE FROM ov_site_coverage WHERE image_system_id = $1 RETURNING site_id)
       UPDATE ov_mandatory_sites m SET uncovered_since = $2, source_service = $3, source_sequence = $4,
         source_event_id = $5, source_type = $6, raised = false
       WHERE m.id IN (SELECT site_id FROM gone)
         AND NOT EXISTS (SELECT 1 FROM ov_site_coverage c WHERE c.site_id = m.id AND c.image_system_id <> $1)`,
      [systemId, change.changedAt, event.service, event.sequence, event.id, event.type],
    );
    await this.raiseOverdueSites(tx, event);
  }

  private async activity(
    tx: PoolClient,
    event: EventEnvelope,
    kind: string,
    organisationId: string,
    subjects: readonly string[],
    detail: string,
    at: string = event.occurredAt,
  ): Promise<void> {
    for (const subject of new Set(subjects)) {
      await tx.query(
        `INSERT INTO ov_activity (event_id, service, sequence, kind, organisation_id, subject, detail, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [event.id, event.service, event.sequence, kind, organisationId, subject, detail, at],
      );
    }
  }

  private async systemSubject(tx: PoolClient, imageSystemId: string): Promise<OversightSubject> {
    const { rows } = await tx.query('SELECT owner_organisation_id, division_code FROM ov_systems WHERE id = $1', [imageSystemId]);
    if (rows.length === 0) return { imageSystemId };
    return { imageSystemId, organisationId: rows[0].owner_organisation_id as string, divisionCode: rows[0].division_code as string };
  }

  private async organisationSubject(tx: PoolClient, organisationId: string | undefined): Promise<OversightSubject> {
    if (!organisationId) return {};
    const { rows } = await tx.query('SELECT division_code FROM ov_organisations WHERE id = $1', [organisationId]);
    return rows.length === 0 ? { organisationId } : { organisationId, divisionCode: rows[0].division_code as string };
  }

  /** Sites whose grace ended by this event's instant (deterministic on a replay of the topics). */
  private raiseOverdueSites(tx: PoolClient, event: EventEnvelope): Promise<number> {
    return raiseOverdueSites(this.store, tx, new Date(event.occurredAt), this.graceDays);
  }

  private raise(tx: PoolClient, event: EventEnvelope, kind: AutomaticFindingKind, subject: OversightSubject, code?: string, more: LedgerEntryRef[] = []): Promise<void> {
    const source = { service: event.service, sequence: event.sequence, eventId: event.id, type: event.type };
    return raiseFinding(this.store, tx, { source, more, correlationId: event.correlationId, raisedAt: event.occurredAt }, automaticFindingOf(kind), subject, code);
  }
}
