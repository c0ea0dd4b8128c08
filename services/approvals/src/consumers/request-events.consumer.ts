import {
  ApprovalRouteSnapshot,
  EventEnvelope,
  accessDeniedDefinition,
  quarantineResolvedDefinition,
  EventRegistry,
  REQUEST_CO_SIGNED,
  REQUEST_FILED,
  REQUEST_WITHDRAWN,
  RequestCoSigned,
  RequestFiled,
  REQUESTS_EVENTS,
} from '@custos/contracts';
import {
  ApprovalRoute,
  DEFAULT_RULE_PACK_CONFIG,
  OrganisationLevel,
  OrganisationType,
  RequestKind,
  routeApprovalCase,
  RulePackConfig,
  rulePackRefOf,
  selectRulePackForRequest,
} from '@custos/domain';
import { dispatchEvent, EventConsumer, EventHandlers, topicConsumer, TopicConsumerOptions } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { Logger } from '@nestjs/common';
import { ApprovalCaseRepository } from '../database/approval-case.repository';
import { ApprovalCase } from '../domain/approval-case.aggregate';
import { APPROVALS_SERVICE_ACTOR } from '../shared/refusal';

/**
 * Opens an approval case when a copy, retrieval or direct access is co-signed (R18.1), routed
 * to the competent heads (`routeApprovalCase`, R17.2–R17.4, CN2025-USE) under the rule pack of
 * the systems' place at the co-signature, which the case records (issue 21); closes an undecided case when its
 * request is withdrawn, and revokes the document of an approved one (R18.5). A view needs no approval (R17.1) and opens nothing. Through the inbox:
 * the case and the processed event id commit together.
 */
export function requestEventsConsumer(options: TopicConsumerOptions & { cases: ApprovalCaseRepository; rulePacks?: RulePackConfig }): EventConsumer {
  const handler = new RequestEventsHandler(options.cases, new Logger('Approvals'), options.rulePacks);
  return topicConsumer({
    ...options,
    from: 'requests',
    // Its refused accesses travel on the same topic; known, so not dead letters, and ignored here.
    registry: new EventRegistry().register(...REQUESTS_EVENTS, accessDeniedDefinition('requests'), quarantineResolvedDefinition('requests')),
    handle: (event, tx) => handler.handle(event, tx),
    log: { context: 'Approvals', failure: 'request event not applied' },
    // The case is loaded through the store, which sees an append left for the commit.
    appendsAtCommit: true,
  });
}

export class RequestEventsHandler {
  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly logger: Logger,
    private readonly rulePacks: RulePackConfig = DEFAULT_RULE_PACK_CONFIG,
  ) {}

  private readonly handlers: EventHandlers<PoolClient> = {
    [REQUEST_FILED]: async (_filed, event, tx) =>
      void (await tx.query('INSERT INTO ap_request_facts (request_id, filed) VALUES ($1, $2) ON CONFLICT DO NOTHING', [event.aggregateId, event.payload])),
    [REQUEST_CO_SIGNED]: (coSigned, event, tx) => this.openCase(coSigned, event, tx),
    [REQUEST_WITHDRAWN]: (_withdrawn, event, tx) => this.closeCase(event, tx),
  };

  async handle(event: EventEnvelope, tx: PoolClient): Promise<void> {
    await dispatchEvent(this.handlers, event, tx);
  }

  private async openCase(coSigned: RequestCoSigned, event: EventEnvelope, tx: PoolClient): Promise<void> {
    if (!coSigned.needsApproval) return;
    const { rows } = await tx.query('SELECT filed FROM ap_request_facts WHERE request_id = $1', [event.aggregateId]);
    // Filing and co-signing share the request's key, so the filing arrived first; if not, retry.
    if (rows.length === 0) throw new Error(`co-signature of unknown request ${event.aggregateId}`);
    const filed = rows[0].filed as RequestFiled;
    if ((await this.cases.load(event.aggregateId, tx)) !== undefined) return;
    const o = filed.requestingOrganisation;
    const places = { systemDivisionCodes: filed.systemDivisionCodes, requesterDivisionCode: o.divisionCode };
    const pack = selectRulePackForRequest(places, new Date(coSigned.coSignedAt), this.rulePacks);
    if (!pack.ok) {
      this.logger.warn({ msg: 'co-signed request under no rule pack', requestId: event.aggregateId, code: pack.error.code });
      return;
    }
    const route = routeApprovalCase(
      {
        kind: filed.kind as RequestKind,
        requesterOrg: { id: o.id, type: o.type as OrganisationType, level: o.level as OrganisationLevel, divisionCode: o.divisionCode },
        systemDivisionCodes: filed.systemDivisionCodes,
      },
      pack.value,
    );
    if (!route.ok) {
      this.logger.warn({ msg: 'co-signed request needs no routing', requestId: event.aggregateId, code: route.error.code });
      return;
    }
    const approvalCase = ApprovalCase.open(event.aggregateId, {
      requestId: event.aggregateId,
      kind: filed.kind,
      requestingOrganisation: filed.requestingOrganisation,
      route: routeSnapshotOf(route.value),
      signerPersonIds: [filed.filer.personId, coSigned.coSigner.personId],
      imageSystemIds: filed.imageSystemIds,
      cameraIds: filed.cameraIds,
      ownerOrganisationIds: filed.ownerOrganisationIds,
      window: filed.window,
      caseReference: filed.caseReference,
      purpose: filed.purpose,
      openedAt: coSigned.coSignedAt,
      rulePack: rulePackRefOf(pack.value),
      signerCredentialNumbers: [filed.filer.credentialNumber, coSigned.coSigner.credentialNumber],
    });
    await this.cases.save(approvalCase, contextOf(event), tx);
  }

  private async closeCase(event: EventEnvelope, tx: PoolClient): Promise<void> {
    const approvalCase = await this.cases.load(event.aggregateId, tx);
    const at = new Date(event.occurredAt);
    const withdrawnBy = event.actor.personId ?? event.actor.subject;
    if (approvalCase?.closeIfOpen('the request was withdrawn', at) || approvalCase?.revokeOnWithdrawal(withdrawnBy, at)) {
      await this.cases.save(approvalCase, contextOf(event), tx);
    }
  }
}

/** What the approvals service records in answer to a request event: caused by it, in its correlation. */
function contextOf(event: EventEnvelope) {
  return { actor: APPROVALS_SERVICE_ACTOR, correlationId: event.correlationId, causationId: event.id };
}

/** The route as the case's event records it (plain arrays). */
function routeSnapshotOf({ systemDivisionCodes, ...route }: ApprovalRoute): ApprovalRouteSnapshot {
  return {
    ...route,
    approverOrgTypes: [...route.approverOrgTypes],
    ...(systemDivisionCodes ? { systemDivisionCodes: [...systemDivisionCodes] } : {}),
  };
}
