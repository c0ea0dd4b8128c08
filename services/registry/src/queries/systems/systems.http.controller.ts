import { ApiOperation, ApiOkResponse } from '@nestjs/swagger';
import { orRefuse, refuse } from '@custos/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, AnyRole } from '@custos/auth';
import { FacilityChangeAcknowledged, FacilityChangeReported } from '@custos/contracts';
import { parseDivisionCode, domainErrorOf } from '@custos/domain';
import { assertMayRead } from '../../access/registry-access';
import { ImageSystemAggregate } from '../../domain/image-system.aggregate';
import { RegistryReadModel } from '../shared/registry-read-model';
import { RegistryAggregates, RegistryPlaces } from '../../commands/shared/registry-aggregates';
import { listRows } from '../shared/list-query';
import { Page } from '../shared/paging.request.dto';
import { ListCamerasRequestDto, ListSystemsRequestDto } from './list-systems.request.dto';
import { CameraPageDto, CameraViewDto, ImageSystemPageDto, ImageSystemViewDto } from '../shared/registry.response.dto';

export interface CameraView {
  readonly id: string;
  readonly imageSystemId: string;
  readonly ownerOrganisationId: string;
  readonly divisionCode: string;
  readonly name: string;
  readonly locationCategory: string;
  readonly location?: string;
  readonly function?: string;
  readonly removed: boolean;
  /** Days its system keeps footage (R16.7): storage locks each segment that long. */
  readonly retentionDays?: number;
}

export interface ImageSystemView {
  readonly id: string;
  readonly ownerOrganisationId: string;
  readonly name: string;
  readonly siteCategories: string[];
  readonly divisionCode: string;
  readonly location: string;
  readonly inPublicPlace: boolean;
  readonly signageShown: boolean;
  readonly retentionDays: number;
  readonly retentionBasis?: string;
  readonly removed: boolean;
  /**
   * The county public security organ where the system stands (R15.1): it receives the
   * system's change reports, and the owner's overdue fulfilments are escalated to it (R16.5);
   * null when none is registered there.
   */
  readonly supervisingOrganisationId: string | null;
  readonly cameras: CameraView[];
  readonly acknowledgements: FacilityChangeAcknowledged[];
  readonly changes: FacilityChangeReported[];
}

function cameraViews(s: ImageSystemAggregate): CameraView[] {
  return [...s.cameras.values()].map((c) => ({
    id: c.id,
    imageSystemId: s.key,
    ownerOrganisationId: s.ownerOrganisationId,
    divisionCode: s.divisionCode,
    name: c.name,
    locationCategory: c.locationCategory,
    location: c.location,
    ...(c.function !== undefined ? { function: c.function } : {}),
    removed: c.removed || s.removed,
    retentionDays: s.retentionDays,
  }));
}

function withinPrefix(code: string | undefined): string | undefined {
  return code === undefined ? undefined : `${orRefuse(parseDivisionCode(code)).prefix}%`;
}

/** Image systems and cameras (R2.1); internal read API for requests, approvals and storage. */
// Registry reads need a role (issue 16).
@AnyRole()
@Controller()
export class SystemsHttpController {
  constructor(
    private readonly readModel: RegistryReadModel,
    private readonly aggregates: RegistryAggregates,
    private readonly places: RegistryPlaces,
  ) {}

  @Get('systems')
  @ApiOperation({ summary: 'The image systems, paged' })
  @ApiOkResponse({ type: ImageSystemPageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() q: ListSystemsRequestDto) {
    const within = withinPrefix(q.within);
    await this.readModel.lists.catchUp();
    return listRows(
      this.readModel.pool,
      'reg_image_systems',
      principal,
      [
        ['owner_organisation_id = ?', q.ownerOrganisationId],
        ['? = ANY(site_categories)', q.siteCategory],
        ['division_code LIKE ?', within],
        ['removed = ?', q.removed],
      ],
      q,
      (r) => ({
        id: r.id as string,
        ownerOrganisationId: r.owner_organisation_id as string,
        name: r.name as string,
        siteCategories: r.site_categories as string[],
        divisionCode: r.division_code as string,
        inPublicPlace: r.in_public_place as boolean,
        signageShown: r.signage_shown as boolean,
        removed: r.removed as boolean,
      }),
      'owner_organisation_id',
    );
  }

  @Get('systems/:id')
  @ApiOperation({ summary: 'One image system' })
  @ApiOkResponse({ type: ImageSystemViewDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ImageSystemView> {
    const s = await this.aggregates.system(id);
    assertMayRead(principal, s.divisionCode, s.ownerOrganisationId);
    const supervising = (await this.places.countyPsbFor(s.divisionCode)) ?? null;
    return {
      id: s.key,
      ownerOrganisationId: s.ownerOrganisationId,
      name: s.name,
      siteCategories: [...s.siteCategories],
      divisionCode: s.divisionCode,
      location: s.location,
      inPublicPlace: s.inPublicPlace,
      signageShown: s.signageShown,
      retentionDays: s.retentionDays,
      ...(s.retentionBasis !== undefined ? { retentionBasis: s.retentionBasis } : {}),
      removed: s.removed,
      supervisingOrganisationId: supervising,
      cameras: cameraViews(s),
      changes: [...s.changes],
      acknowledgements: [...s.acknowledgements.values()],
    };
  }

  @Get('cameras')
  @ApiOperation({ summary: 'The cameras, paged' })
  @ApiOkResponse({ type: CameraPageDto })
  async cameras(@CurrentPrincipal() principal: Principal, @Query() q: ListCamerasRequestDto): Promise<Page<CameraView>> {
    const within = withinPrefix(q.within);
    await this.readModel.lists.catchUp();
    return listRows(
      this.readModel.pool,
      'reg_cameras',
      principal,
      [
        ['system_id = ?', q.imageSystemId],
        ['owner_organisation_id = ?', q.ownerOrganisationId],
        ['location_category = ?', q.locationCategory],
        ['division_code LIKE ?', within],
        ['removed = ?', q.removed],
      ],
      q,
      (r) => ({
        id: r.id as string,
        imageSystemId: r.system_id as string,
        ownerOrganisationId: r.owner_organisation_id as string,
        divisionCode: r.division_code as string,
        name: r.name as string,
        locationCategory: r.location_category as string,
        removed: r.removed as boolean,
      }),
      'owner_organisation_id',
    );
  }

  @Get('cameras/:id')
  @ApiOperation({ summary: 'One camera' })
  @ApiOkResponse({ type: CameraViewDto })
  async camera(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CameraView> {
    const systemId = await this.places.systemIdOfCamera(id);
    if (systemId === undefined) refuse(domainErrorOf('CUSTOS_REGISTRY_CAMERA_NOT_FOUND', { cameraId: id }));
    const s = await this.aggregates.system(systemId);
    assertMayRead(principal, s.divisionCode, s.ownerOrganisationId);
    return cameraViews(s).find((c) => c.id === id) as CameraView;
  }
}
