import {
  CameraRegistered,
  FacilityChangeAcknowledged,
  FacilityChangeReported,
  ForbiddenCameraChangeRefused,
  ForbiddenCameraRegistrationRefused,
  ImageSystemRegistered,
  LateFacilityChangeReportFound,
  REGISTRY_CAMERA_REGISTERED,
  REGISTRY_FACILITY_CHANGE_ACKNOWLEDGED,
  REGISTRY_FACILITY_CHANGE_REPORTED,
  REGISTRY_FORBIDDEN_CAMERA_CHANGE_REFUSED,
  REGISTRY_FORBIDDEN_CAMERA_REGISTRATION_REFUSED,
  REGISTRY_IMAGE_SYSTEM_REGISTERED,
  REGISTRY_LATE_FACILITY_CHANGE_REPORT_FOUND,
  REGISTRY_RETENTION_SET,
  RetentionSet,
  REGISTRY_SIGNAGE_MISSING_FOUND,
  SignageMissingFound,
  REGISTRY_SIGNAGE_EVIDENCE_RECORDED,
  SignageEvidenceRecorded,
} from '@custos/contracts';
import {
  assertCameraLocationAllowed,
  assertRetentionAllowed,
  RulePack,
  rulePackRefOf,
  selectRulePack,
  DEFAULT_RULE_PACK_CONFIG,
  RulePackConfig,
  underRulePack,
  CameraLocationCategory,
  domainErrorOf,
  err,
  facilityChangeReportTiming,
  FacilityChangeReportTiming,
  HolidayCalendar,
  MINIMUM_RETENTION_DAYS,
  ok,
  parseDivisionCode,
  Result,
  signageFinding,
  decideSignageEvidence,
  SignageEvidence,
  SiteCategory,
  recordedRuleOf,
} from '@custos/domain';
import { EventSourcedAggregate } from '@custos/eventstore';
import { idOfStream, streamOf } from './stream-ids';

export interface CameraState {
  readonly id: string;
  readonly name: string;
  locationCategory: CameraLocationCategory;
  location: string;
  function?: string;
  removed: boolean;
}

export interface ImageSystemProps {
  readonly ownerOrganisationId: string;
  readonly name: string;
  readonly siteCategories: readonly SiteCategory[];
  readonly divisionCode: string;
  readonly location: string;
  readonly inPublicPlace: boolean;
  readonly signageShown: boolean;
  /** Days the footage is kept (R16.7); 30 when not given. */
  readonly retentionDays?: number;
  readonly retentionBasis?: string;
}

/** What a report says changed, and when (R15.1). */
export interface FacilityChange {
  readonly changeId: string;
  readonly kind: FacilityChangeKind;
  readonly cameraId?: string;
  readonly description: string;
  readonly changedAt: Date;
  /** A camera's new place (checked against R8.1 again) and function. */
  readonly newLocationCategory?: CameraLocationCategory;
  readonly newLocation?: string;
  readonly newFunction?: string;
}

export type FacilityChangeKind = 'CHANGED' | 'REMOVED';

/** An owner's image system and its cameras (R2.1), with its changes and removals (R15.1). */
export class ImageSystemAggregate extends EventSourcedAggregate {
  ownerOrganisationId = '';
  name = '';
  siteCategories: SiteCategory[] = [];
  divisionCode = '';
  location = '';
  inPublicPlace = false;
  signageShown = false;
  retentionDays = MINIMUM_RETENTION_DAYS;
  retentionBasis?: string;
  removed = false;
  readonly cameras = new Map<string, CameraState>();
  /** Camera ids whose registration R8.1 refused; kept so a retried attempt is recognised. */
  readonly refusedCameraIds = new Set<string>();
  readonly changes: FacilityChangeReported[] = [];
  readonly acknowledgements = new Map<string, FacilityChangeAcknowledged>();
  /** Every observation of the sign, in the order recorded (R11.1). */
  readonly signage: SignageEvidenceRecorded[] = [];
  private signageObservedAt?: Date;

  get key(): string {
    return idOfStream(this.id);
  }

  /**
   * A system at valid division, keeping its footage at least the floor of the rule pack of its
   * place at `at` (R16.7, CN2025-RETAIN: 30 days), which the event records; a public place
   * without a sign is a finding, not a refusal (R11.1).
   */
  static register(id: string, props: ImageSystemProps, at: Date, rulePacks: RulePackConfig = DEFAULT_RULE_PACK_CONFIG): Result<ImageSystemAggregate> {
    const division = parseDivisionCode(props.divisionCode);
    if (!division.ok) return division;
    const pack = rulePackOfPlace(division.value.code, at, rulePacks);
    const retention = retentionUnder(props.retentionDays ?? pack?.retention.value.floorDays ?? MINIMUM_RETENTION_DAYS, pack);
    if (!retention.ok) return retention;
    const system = new ImageSystemAggregate(streamOf.system(id));
    const payload: ImageSystemRegistered = {
      ...props,
      siteCategories: [...props.siteCategories],
      divisionCode: division.value.code,
      retentionDays: retention.value,
      ...(pack ? { rulePack: rulePackRefOf(pack) } : {}),
    };
    system.record(REGISTRY_IMAGE_SYSTEM_REGISTERED, payload);
    const finding = signageFinding({ id, inPublicPlace: props.inPublicPlace, signageShown: props.signageShown });
    if (finding) {
      const found: SignageMissingFound = { code: finding.code, rule: recordedRuleOf(finding) };
      system.record(REGISTRY_SIGNAGE_MISSING_FOUND, found);
    }
    return ok(system);
  }

  /**
   * R8.1: a camera in a forbidden place is refused, and the refused attempt is itself a fact
   * recorded for oversight (R22.1) — the caller saves the aggregate, then answers with the error.
   */
  registerCamera(cameraId: string, name: string, locationCategory: CameraLocationCategory, location: string): Result<void> {
    if (this.removed) return err(domainErrorOf('CUSTOS_REGISTRY_FACILITY_REMOVED', { imageSystemId: this.key }));
    if (this.cameras.has(cameraId)) return err(domainErrorOf('CUSTOS_REGISTRY_ALREADY_REGISTERED', { cameraId }));
    const allowed = assertCameraLocationAllowed(locationCategory);
    if (!allowed.ok) {
      const refused: ForbiddenCameraRegistrationRefused = {
        cameraId,
        name,
        locationCategory,
        location,
        code: allowed.error.code,
        rule: recordedRuleOf(allowed.error),
        article: String(allowed.error.details?.article ?? ''),
      };
      this.record(REGISTRY_FORBIDDEN_CAMERA_REGISTRATION_REFUSED, refused);
      return allowed;
    }
    const payload: CameraRegistered = { cameraId, name, locationCategory, location };
    this.record(REGISTRY_CAMERA_REGISTERED, payload);
    return ok();
  }

  /**
   * R15.1: a change or removal reported `reportedAt` to `addressedTo`, the county public
   * security organ where the system stands. For a system of Article 7 a report after the
   * 30 days (counted as Chinese law counts periods) is accepted, flagged late, with a finding
   * for oversight (R24.1); a report before a planned change is on time. A camera's place
   * changes only this way, and the new place is checked against R8.1 again: a forbidden one
   * is refused and the refusal recorded (the caller saves it, then answers with the error).
   */
  reportChange(
    change: FacilityChange,
    reportedAt: Date,
    addressedTo: string,
    calendar: HolidayCalendar,
  ): Result<FacilityChangeReportTiming> {
    const { changeId, kind, cameraId } = change;
    if (this.removed) return err(domainErrorOf('CUSTOS_REGISTRY_FACILITY_REMOVED', { imageSystemId: this.key }));
    const camera = cameraId === undefined ? undefined : this.cameras.get(cameraId);
    if (cameraId !== undefined) {
      if (!camera) return err(domainErrorOf('CUSTOS_REGISTRY_CAMERA_NOT_FOUND', { cameraId }));
      if (camera.removed) return err(domainErrorOf('CUSTOS_REGISTRY_FACILITY_REMOVED', { cameraId }));
    }
    const relocates = change.newLocationCategory !== undefined || change.newLocation !== undefined || change.newFunction !== undefined;
    if (relocates && (kind !== 'CHANGED' || camera === undefined)) {
      return err(domainErrorOf('CUSTOS_REGISTRY_CAMERA_CHANGE_NEEDS_CAMERA', { changeId }));
    }
    if (change.newLocationCategory !== undefined) {
      const allowed = assertCameraLocationAllowed(change.newLocationCategory);
      if (!allowed.ok) {
        this.record<ForbiddenCameraChangeRefused>(REGISTRY_FORBIDDEN_CAMERA_CHANGE_REFUSED, {
          cameraId: cameraId!,
          locationCategory: change.newLocationCategory,
          location: change.newLocation ?? camera!.location,
          code: allowed.error.code,
          rule: recordedRuleOf(allowed.error),
          article: String(allowed.error.details?.article ?? ''),
        });
        return allowed;
      }
    }
    const timing = facilityChangeReportTiming(this.siteCategories, change.changedAt, reportedAt, calendar);
    const reported: FacilityChangeReported = {
      changeId,
      kind,
      ...(cameraId !== undefined ? { cameraId } : {}),
      description: change.description,
      changedAt: change.changedAt.toISOString(),
      reportedAt: reportedAt.toISOString(),
      late: timing.late,
      duty: timing.duty,
      planned: timing.planned,
      ...(timing.lastDay !== undefined ? { lastDay: timing.lastDay, deadline: timing.deadline!.toISOString() } : {}),
      ...(timing.calendarCovers === false ? { calendarCovers: false } : {}),
      addressedToOrganisationId: addressedTo,
      ...(change.newLocationCategory !== undefined ? { newLocationCategory: change.newLocationCategory } : {}),
      ...(change.newLocation !== undefined ? { newLocation: change.newLocation } : {}),
      ...(change.newFunction !== undefined ? { newFunction: change.newFunction } : {}),
    };
    this.record(REGISTRY_FACILITY_CHANGE_REPORTED, reported);
    if (timing.late) {
      const finding: LateFacilityChangeReportFound = {
        changeId,
        code: timing.finding!.code,
        rule: recordedRuleOf(timing.finding!),
        changedAt: reported.changedAt,
        reportedAt: reported.reportedAt,
        overdueMs: timing.overdueMs!,
      };
      this.record(REGISTRY_LATE_FACILITY_CHANGE_REPORT_FOUND, finding);
    }
    return ok(timing);
  }

  /**
   * The owner (or another law) sets how long the system keeps its footage from now on
   * (R16.7): at least 30 days. It applies to segments stored afterwards.
   */
  setRetention(days: number, basis: string | undefined, at: Date, rulePacks: RulePackConfig = DEFAULT_RULE_PACK_CONFIG): Result<void> {
    if (this.removed) return err(domainErrorOf('CUSTOS_REGISTRY_FACILITY_REMOVED', { imageSystemId: this.key }));
    const pack = rulePackOfPlace(this.divisionCode, at, rulePacks);
    const allowed = retentionUnder(days, pack);
    if (!allowed.ok) return allowed;
    this.record<RetentionSet>(REGISTRY_RETENTION_SET, {
      retentionDays: allowed.value,
      ...(basis === undefined ? {} : { retentionBasis: basis }),
      setAt: at.toISOString(),
      ...(pack ? { rulePack: rulePackRefOf(pack) } : {}),
    });
    return ok();
  }

  /**
   * R11.1: an observation of the sign, by photo (its hash) or inspection record. The latest
   * observation sets what the sign is now; a sign seen missing where it was shown is a new
   * finding for oversight, naming the observation; one seen again is its rectification.
   */
  recordSignageEvidence(
    evidenceId: string,
    evidence: SignageEvidence & { photo?: SignageEvidenceRecorded['photo']; note?: string },
    by: { personId: string; organisationId: string; psb: boolean },
    now: Date,
  ): Result<SignageEvidenceRecorded & { missingFound: boolean }> {
    if (this.removed) return err(domainErrorOf('CUSTOS_REGISTRY_FACILITY_REMOVED', { imageSystemId: this.key }));
    const decided = decideSignageEvidence(
      { inPublicPlace: this.inPublicPlace, shown: this.signageShown, observedAt: this.signageObservedAt },
      { ...evidence, photoSha256: evidence.photo?.sha256 },
      by.psb,
      now,
    );
    if (!decided.ok) return decided;
    const recorded: SignageEvidenceRecorded = {
      evidenceId,
      kind: evidence.kind,
      shown: evidence.shown,
      observedAt: evidence.observedAt.toISOString(),
      recordedAt: now.toISOString(),
      ...(evidence.kind === 'PHOTO' && evidence.photo ? { photo: evidence.photo } : {}),
      ...(evidence.kind === 'INSPECTION' ? { inspectionReference: evidence.inspectionReference } : {}),
      ...(evidence.note ? { note: evidence.note } : {}),
      recordedByPersonId: by.personId,
      recordedByOrganisationId: by.organisationId,
      current: decided.value.current,
      rectifies: decided.value.rectifies,
    };
    this.record(REGISTRY_SIGNAGE_EVIDENCE_RECORDED, recorded);
    if (decided.value.missingFound) {
      const finding = signageFinding({ id: this.key, inPublicPlace: true, signageShown: false })!;
      this.record<SignageMissingFound>(REGISTRY_SIGNAGE_MISSING_FOUND, { code: finding.code, rule: recordedRuleOf(finding), evidenceId });
    }
    return ok({ ...recorded, missingFound: decided.value.missingFound });
  }

  /** The organ the report is addressed to acknowledges it, once (R15.1). */
  acknowledgeChange(changeId: string, by: { organisationId: string; personId: string }, at: Date): Result<void> {
    const change = this.changes.find((c) => c.changeId === changeId);
    if (!change) return err(domainErrorOf('CUSTOS_REGISTRY_CHANGE_NOT_FOUND', { changeId }));
    if (change.addressedToOrganisationId !== by.organisationId) {
      return err(
        domainErrorOf('CUSTOS_R15_1_NOT_THE_ADDRESSEE', {
          changeId,
          addressedToOrganisationId: change.addressedToOrganisationId ?? null,
          organisationId: by.organisationId,
        }),
      );
    }
    const done = this.acknowledgements.get(changeId);
    if (done) return err(domainErrorOf('CUSTOS_R15_1_ALREADY_ACKNOWLEDGED', { changeId, acknowledgedAt: done.acknowledgedAt }));
    this.record<FacilityChangeAcknowledged>(REGISTRY_FACILITY_CHANGE_ACKNOWLEDGED, {
      changeId,
      organisationId: by.organisationId,
      personId: by.personId,
      acknowledgedAt: at.toISOString(),
    });
    return ok();
  }

  onImageSystemRegistered(e: { payload: ImageSystemRegistered }): void {
    const p = e.payload;
    this.ownerOrganisationId = p.ownerOrganisationId;
    this.name = p.name;
    this.siteCategories = p.siteCategories as SiteCategory[];
    this.divisionCode = p.divisionCode;
    this.location = p.location;
    this.inPublicPlace = p.inPublicPlace;
    this.signageShown = p.signageShown;
    this.retentionDays = p.retentionDays ?? MINIMUM_RETENTION_DAYS;
    this.retentionBasis = p.retentionBasis;
  }

  onSignageMissingFound(): void {}

  onSignageEvidenceRecorded(e: { payload: SignageEvidenceRecorded }): void {
    this.signage.push(e.payload);
    if (!e.payload.current) return;
    this.signageShown = e.payload.shown;
    this.signageObservedAt = new Date(e.payload.observedAt);
  }

  onCameraRegistered(e: { payload: CameraRegistered }): void {
    const p = e.payload;
    this.cameras.set(p.cameraId, {
      id: p.cameraId,
      name: p.name,
      locationCategory: p.locationCategory as CameraLocationCategory,
      location: p.location,
      removed: false,
    });
  }

  onForbiddenCameraRegistrationRefused(e: { payload: ForbiddenCameraRegistrationRefused }): void {
    this.refusedCameraIds.add(e.payload.cameraId);
  }

  onFacilityChangeReported(e: { payload: FacilityChangeReported }): void {
    this.changes.push(e.payload);
    const camera = e.payload.cameraId === undefined ? undefined : this.cameras.get(e.payload.cameraId);
    if (camera && e.payload.newLocationCategory !== undefined) {
      camera.locationCategory = e.payload.newLocationCategory as CameraLocationCategory;
    }
    if (camera && e.payload.newLocation !== undefined) camera.location = e.payload.newLocation;
    if (camera && e.payload.newFunction !== undefined) camera.function = e.payload.newFunction;
    if (e.payload.kind !== 'REMOVED') return;
    if (e.payload.cameraId === undefined) this.removed = true;
    else {
      const camera = this.cameras.get(e.payload.cameraId);
      if (camera) camera.removed = true;
    }
  }

  onLateFacilityChangeReportFound(): void {}

  onFacilityChangeAcknowledged(e: { payload: FacilityChangeAcknowledged }): void {
    this.acknowledgements.set(e.payload.changeId, e.payload);
  }

  onForbiddenCameraChangeRefused(): void {}

  onRetentionSet(e: { payload: RetentionSet }): void {
    this.retentionDays = e.payload.retentionDays;
    this.retentionBasis = e.payload.retentionBasis;
  }
}

/**
 * The rule pack governing a system's place at `at` (issue 21). Where none governs (a place
 * outside Shaanxi before 2025-04-01), the registry still records the system: its floor is then
 * Custos's own 30 days (`MINIMUM_RETENTION_DAYS`) and no pack is recorded.
 */
function rulePackOfPlace(divisionCode: string, at: Date, rulePacks: RulePackConfig): RulePack | undefined {
  const pack = selectRulePack(divisionCode, at, rulePacks);
  return pack.ok ? pack.value : undefined;
}

function retentionUnder(days: number, pack: RulePack | undefined): Result<number> {
  return pack ? underRulePack(assertRetentionAllowed(days, pack), pack) : assertRetentionAllowed(days);
}
