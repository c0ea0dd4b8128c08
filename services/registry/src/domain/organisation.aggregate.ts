import {
  HeadAppointed,
  HeadTermEnded,
  OrganisationRegistered,
  REGISTRY_HEAD_APPOINTED,
  REGISTRY_HEAD_TERM_ENDED,
  REGISTRY_ORGANISATION_REGISTERED,
} from '@custos/contracts';
import {
  assertBackdatingReasoned,
  assertOrganisationConsistent,
  err,
  HeadTerm,
  isBackdated,
  isHeadAt,
  ok,
  OrganisationLevel,
  OrganisationType,
  parseDivisionCode,
  Result,
  domainErrorOf,
} from '@custos/domain';
import { EventSourcedAggregate } from '@custos/eventstore';
import { BackdatingContext } from './backdating-context';
import { idOfStream, streamOf } from './stream-ids';

export interface OrganisationProps {
  readonly name: string;
  readonly type: OrganisationType;
  readonly level: OrganisationLevel;
  readonly divisionCode: string;
  readonly parentId?: string;
}

/** An organisation with its level and jurisdiction (R5.1) and the terms of its heads (R17.2–R17.4). */
export class OrganisationAggregate extends EventSourcedAggregate {
  name = '';
  type!: OrganisationType;
  level!: OrganisationLevel;
  divisionCode = '';
  parentId?: string;
  readonly headTerms: HeadTerm[] = [];

  /** The public id (the stream id without its kind). */
  get key(): string {
    return idOfStream(this.id);
  }

  /** R5.1: a valid division, a level not above it, within the parent's jurisdiction. */
  static register(id: string, props: OrganisationProps, parent?: OrganisationAggregate): Result<OrganisationAggregate> {
    const consistent = assertOrganisationConsistent({ id, ...props });
    if (!consistent.ok) return consistent;
    const division = parseDivisionCode(props.divisionCode);
    if (!division.ok) return division;
    if (parent && !division.value.code.startsWith(parseDivisionPrefix(parent.divisionCode))) {
      return err(
        domainErrorOf('CUSTOS_REGISTRY_PARENT_DIVISION_MISMATCH', {
          parentId: parent.key,
          parentDivisionCode: parent.divisionCode,
          divisionCode: division.value.code,
        }),
      );
    }
    const organisation = new OrganisationAggregate(streamOf.organisation(id));
    const payload: OrganisationRegistered = {
      name: props.name,
      type: props.type,
      level: props.level,
      divisionCode: division.value.code,
      ...(props.parentId ? { parentId: props.parentId } : {}),
    };
    organisation.record(REGISTRY_ORGANISATION_REGISTERED, payload);
    return ok(organisation);
  }

  /** A head term from `from`, open-ended; refused while the person's term covers `from`. */
  appointHead(personId: string, from: Date, recorded: BackdatingContext, name?: string): Result<void> {
    const overlapping = this.headTerms.some(
      (t) => t.personId === personId && (t.to === undefined || from.getTime() < t.to.getTime()),
    );
    if (overlapping) {
      return err(domainErrorOf('CUSTOS_REGISTRY_HEAD_TERM_OVERLAPS', { organisationId: this.key, personId }));
    }
    const reasoned = assertBackdatingReasoned('HEAD_TERM', from, recorded.now, recorded.backdatingReason);
    if (!reasoned.ok) return reasoned;
    const payload: HeadAppointed = {
      personId,
      from: from.toISOString(),
      ...(name ? { name } : {}),
      ...(isBackdated(from, recorded.now) ? { backdatingReason: recorded.backdatingReason } : {}),
    };
    this.record(REGISTRY_HEAD_APPOINTED, payload);
    return ok();
  }

  /** Ends the person's open term at `to` (exclusive): from then on their authority is gone. */
  endHeadTerm(personId: string, to: Date): Result<void> {
    const open = this.headTerms.find((t) => t.personId === personId && t.to === undefined);
    if (!open) return err(domainErrorOf('CUSTOS_REGISTRY_HEAD_TERM_NOT_OPEN', { organisationId: this.key, personId }));
    if (to.getTime() <= open.from.getTime()) {
      return err(
        domainErrorOf('CUSTOS_REGISTRY_HEAD_TERM_END_NOT_AFTER_START', {
          from: open.from.toISOString(),
          to: to.toISOString(),
        }),
      );
    }
    const payload: HeadTermEnded = { personId, from: open.from.toISOString(), to: to.toISOString() };
    this.record(REGISTRY_HEAD_TERM_ENDED, payload);
    return ok();
  }

  /** The terms in force at `at` (half-open), checked with the domain's own rule. */
  headsAt(at: Date): HeadTerm[] {
    return this.headTerms.filter((t) => isHeadAt([t], t.personId, this.key, at));
  }

  onOrganisationRegistered(e: { payload: OrganisationRegistered }): void {
    this.name = e.payload.name;
    this.type = e.payload.type as OrganisationType;
    this.level = e.payload.level as OrganisationLevel;
    this.divisionCode = e.payload.divisionCode;
    this.parentId = e.payload.parentId;
  }

  onHeadAppointed(e: { payload: HeadAppointed }): void {
    this.headTerms.push({ personId: e.payload.personId, organisationId: this.key, from: new Date(e.payload.from) });
  }

  onHeadTermEnded(e: { payload: HeadTermEnded }): void {
    const index = this.headTerms.findIndex(
      (t) => t.personId === e.payload.personId && t.from.toISOString() === e.payload.from,
    );
    if (index >= 0) this.headTerms[index] = { ...this.headTerms[index], to: new Date(e.payload.to) };
  }
}

function parseDivisionPrefix(code: string): string {
  const parsed = parseDivisionCode(code);
  return parsed.ok ? parsed.value.prefix : '\u0000';
}
