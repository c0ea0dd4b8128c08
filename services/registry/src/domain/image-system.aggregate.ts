import {
  CameraRegistered,
  FacilityChangeReported,
  ForbiddenCameraRegistrationRefused,
  ImageSystemRegistered,
  LateFacilityChangeReportFound,
  REGISTRY_CAMERA_REGISTERED,
  REGISTRY_FACILITY_CHANGE_REPORTED,
  REGISTRY_FORBIDDEN_CAMERA_REGISTRATION_REFUSED,
  REGISTRY_IMAGE_SYSTEM_REGISTERED,
  REGISTRY_LATE_FACILITY_CHANGE_REPORT_FOUND,
  REGISTRY_SIGNAGE_MISSING_FOUND,
  SignageMissingFound,
} from '@custos/contracts';
import {
  assertCameraLocationAllowed,
  CameraLocationCategory,
  err,
  ok,
  parseDivisionCode,
  reportLateness,
  ReportLateness,
  Result,
  signageFinding,
  SiteCategory,
} from '@custos/domain';
import { EventSourcedAggregate } from '@custos/eventstore';
import { registryError } from './registry.errors';
import { idOfStream, streamOf } from './stream-ids';

export interface CameraState {
  readonly id: string;
  readonly name: string;
  readonly locationCategory: CameraLocationCategory;
  readonly location: string;
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
  removed = false;
  readonly cameras = new Map<string, CameraState>();
  /** Camera ids whose registration R8.1 refused; kept so a retried attempt is recognised. */
  readonly refusedCameraIds = new Set<string>();
  readonly changes: FacilityChangeReported[] = [];

  get key(): string {
    return idOfStream(this.id);
  }

  /** A system at valid division; a public place without a sign is a finding, not a refusal (R11.1). */
  static register(id: string, props: ImageSystemProps): Result<ImageSystemAggregate> {
    const division = parseDivisionCode(props.divisionCode);
    if (!division.ok) return division;
    const system = new ImageSystemAggregate(streamOf.system(id));
    const payload: ImageSystemRegistered = {
      ...props,
      siteCategories: [...props.siteCategories],
      divisionCode: division.value.code,
    };
    system.record(REGISTRY_IMAGE_SYSTEM_REGISTERED, payload);
    const finding = signageFinding({ id, inPublicPlace: props.inPublicPlace, signageShown: props.signageShown });
    if (finding) {
      const found: SignageMissingFound = { code: finding.code, rule: finding.rule };
      system.record(REGISTRY_SIGNAGE_MISSING_FOUND, found);
    }
    return ok(system);
  }

  /**
   * R8.1: a camera in a forbidden place is refused, and the refused attempt is itself a fact
   * recorded for oversight (R22.1) — the caller saves the aggregate, then answers with the error.
   */
  registerCamera(cameraId: string, name: string, locationCategory: CameraLocationCategory, location: string): Result<void> {
    if (this.removed) return err(registryError('CUSTOS_REGISTRY_FACILITY_REMOVED', { imageSystemId: this.key }));
    if (this.cameras.has(cameraId)) return err(registryError('CUSTOS_REGISTRY_ALREADY_REGISTERED', { cameraId }));
    const allowed = assertCameraLocationAllowed(locationCategory);
    if (!allowed.ok) {
      const refused: ForbiddenCameraRegistrationRefused = {
        cameraId,
        name,
        locationCategory,
        location,
        code: allowed.error.code,
        rule: allowed.error.rule,
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
   * R15.1: a change or removal reported `reportedAt`. A report more than 30 days after the
   * change is accepted and flagged late with a finding for oversight (R24.1); one dated before
   * the change is refused.
   */
  reportChange(
    changeId: string,
    kind: FacilityChangeKind,
    cameraId: string | undefined,
    description: string,
    changedAt: Date,
    reportedAt: Date,
  ): Result<ReportLateness> {
    if (this.removed) return err(registryError('CUSTOS_REGISTRY_FACILITY_REMOVED', { imageSystemId: this.key }));
    if (cameraId !== undefined) {
      const camera = this.cameras.get(cameraId);
      if (!camera) return err(registryError('CUSTOS_REGISTRY_CAMERA_NOT_FOUND', { cameraId }));
      if (camera.removed) return err(registryError('CUSTOS_REGISTRY_FACILITY_REMOVED', { cameraId }));
    }
    const lateness = reportLateness(changedAt, reportedAt);
    if (!lateness.ok) return lateness;
    const reported: FacilityChangeReported = {
      changeId,
      kind,
      ...(cameraId !== undefined ? { cameraId } : {}),
      description,
      changedAt: changedAt.toISOString(),
      reportedAt: reportedAt.toISOString(),
      late: lateness.value.late,
    };
    this.record(REGISTRY_FACILITY_CHANGE_REPORTED, reported);
    if (lateness.value.late) {
      const finding: LateFacilityChangeReportFound = {
        changeId,
        code: lateness.value.finding.code,
        rule: lateness.value.finding.rule,
        changedAt: reported.changedAt,
        reportedAt: reported.reportedAt,
        overdueMs: lateness.value.overdueMs,
      };
      this.record(REGISTRY_LATE_FACILITY_CHANGE_REPORT_FOUND, finding);
    }
    return lateness;
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
  }

  onSignageMissingFound(): void {}

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
    if (e.payload.kind !== 'REMOVED') return;
    if (e.payload.cameraId === undefined) this.removed = true;
    else {
      const camera = this.cameras.get(e.payload.cameraId);
      if (camera) camera.removed = true;
    }
  }

  onLateFacilityChangeReportFound(): void {}
}
