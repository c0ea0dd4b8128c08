import { refuse } from '@custos/platform';
import { Controller, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, Principal, AnyRole } from '@custos/auth';
import { FacilityChangeAcknowledged, FacilityChangeReported } from '@custos/contracts';
import { domainErrorOf } from '@custos/domain';
import { assertMayRead } from '../../access/registry-access';
import { ImageSystemAggregate } from '../../domain/image-system.aggregate';
import { RegistryReadModel } from '../shared/registry-read-model';
import { RegistryAggregates, RegistryPlaces } from '../../commands/shared/registry-aggregates';
import { columns, equalTo, listPage, withinDivision } from '../shared/list-query';
import { Page } from '../shared/paging.request.dto';
import { ListCamerasRequestDto, ListSystemsRequestDto } from './list-systems.request.dto';
import { CameraPageDto, CameraViewDto, ImageSystemPageDto, ImageSystemViewDto } from '../shared/registry.response.dto';
import { ReadEndpoint } from '../shared/read-endpoint';

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

/** An image system as its list shows it. */
export type ImageSystemListItem = Pick<ImageSystemView, 'id' | 'ownerOrganisationId' | 'name' | 'siteCategories' | 'divisionCode' | 'inPublicPlace' | 'signageShown' | 'removed'>;

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

  @ReadEndpoint('systems', 'The image systems, paged', ImageSystemPageDto)
  async list(@CurrentPrincipal() principal: Principal, @Query() q: ListSystemsRequestDto): Promise<Page<ImageSystemListItem>> {
    return listPage(this.readModel, principal, q, {
      from: 'reg_image_systems',
      where: [...equalTo(q, ['ownerOrganisationId', 'removed']), ['? = ANY(site_categories)', q.siteCategory], withinDivision(q.within)],
      row: columns<ImageSystemListItem>(['id', 'ownerOrganisationId', 'name', 'siteCategories', 'divisionCode', 'inPublicPlace', 'signageShown', 'removed']),
      own: 'owner_organisation_id',
    });
  }

  @ReadEndpoint('systems/:id', 'One image system', ImageSystemViewDto)
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

  @ReadEndpoint('cameras', 'The cameras, paged', CameraPageDto)
  async cameras(@CurrentPrincipal() principal: Principal, @Query() q: ListCamerasRequestDto): Promise<Page<CameraView>> {
    return listPage(this.readModel, principal, q, {
      from: 'reg_cameras',
      where: [['system_id = ?', q.imageSystemId], ...equalTo(q, ['ownerOrganisationId', 'locationCategory', 'removed']), withinDivision(q.within)],
      row: columns<CameraView>(['id', 'imageSystemId', 'ownerOrganisationId', 'divisionCode', 'name', 'locationCategory', 'removed'], { imageSystemId: 'system_id' }),
      own: 'owner_organisation_id',
    });
  }

  @ReadEndpoint('cameras/:id', 'One camera', CameraViewDto)
  async camera(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CameraView> {
    const systemId = await this.places.systemIdOfCamera(id);
    if (systemId === undefined) refuse(domainErrorOf('CUSTOS_REGISTRY_CAMERA_NOT_FOUND', { cameraId: id }));
    const s = await this.aggregates.system(systemId);
    assertMayRead(principal, s.divisionCode, s.ownerOrganisationId);
    return cameraViews(s).find((c) => c.id === id) as CameraView;
  }
}
