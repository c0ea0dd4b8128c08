import { CurrentPrincipal, Principal, AnyRole } from '@custos/auth';
import { parseDivisionCode } from '@custos/domain';
import { Controller, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { hasJurisdiction, readsEverything } from '../../access/registry-access';
import { RegistryReadModel } from '../shared/registry-read-model';
import { equalTo, listPage } from '../shared/list-query';
import { ReadEndpoint } from '../shared/read-endpoint';
import { NamesRequestDto, SearchCamerasRequestDto } from './directory.request.dto';
import { CameraDirectoryEntryDto, CameraDirectoryPageDto, NameEntryDto, NamesDto } from './directory.response.dto';

/** Cameras with their system, owner and site in one row, and every word a person may search by. */
const CAMERA_DIRECTORY = `(SELECT c.id, c.name, c.location_category, c.system_id, c.owner_organisation_id, c.division_code,
    c.removed, c.seq, s.name AS system_name, s.site_categories, o.name AS owner_name,
    cp.location AS location, sp.location AS site_location,
    concat_ws(' ', c.id, c.name, s.name, o.name, cp.location, sp.location) AS words
  FROM reg_cameras c
  JOIN reg_image_systems s ON s.id = c.system_id
  JOIN reg_organisations o ON o.id = c.owner_organisation_id
  LEFT JOIN reg_places cp ON cp.id = c.id
  LEFT JOIN reg_places sp ON sp.id = c.system_id) AS camera_directory`;

const likePattern = (words: string) => `%${words.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What the console shows instead of ids: cameras to choose from, by owner, site, address and
 * category (R2.1), and the names of organisations and people. Reads stay within the caller's
 * jurisdiction or organisation (R5.1), as the other lists do; organisations' names are public.
 */
@ApiTags('directory')
@ApiBearerAuth()
// Registry reads need a role (issue 16).
@AnyRole()
@Controller('directory')
export class DirectoryHttpController {
  constructor(private readonly readModel: RegistryReadModel) {}

  /** Cameras in service within the caller's reach, matching every filter given, in registration order. */
  @ReadEndpoint('cameras', 'The camera directory an officer files requests from, searchable', CameraDirectoryPageDto)
  async cameras(@CurrentPrincipal() principal: Principal, @Query() q: SearchCamerasRequestDto): Promise<CameraDirectoryPageDto> {
    return listPage(this.readModel, principal, q, {
      from: CAMERA_DIRECTORY,
      alsoReads: ['places'],
      where: [
        ['id = ANY(?)', q.id],
        ["words ILIKE ? ESCAPE '\\'", q.q === undefined || q.q.trim() === '' ? undefined : likePattern(q.q)],
        ...equalTo(q, ['ownerOrganisationId', 'locationCategory']),
        ['? = ANY(site_categories)', q.siteCategory],
        ['removed = ?', q.removed ?? false],
      ],
      row: (r): CameraDirectoryEntryDto => ({
        id: r.id as string,
        name: r.name as string,
        locationCategory: r.location_category as string,
        ...(r.location !== null ? { location: r.location as string } : {}),
        imageSystemId: r.system_id as string,
        imageSystemName: r.system_name as string,
        ...(r.site_location !== null ? { siteLocation: r.site_location as string } : {}),
        siteCategories: r.site_categories as string[],
        ownerOrganisationId: r.owner_organisation_id as string,
        ownerOrganisationName: r.owner_name as string,
        divisionCode: r.division_code as string,
        removed: r.removed as boolean,
      }),
      own: 'owner_organisation_id',
    });
  }

  /**
   * The names behind ids: organisations and heads (any: a head's name is printed on every
   * document they sign), officers and operators (within reach); unknown ids are left out.
   */
  @ReadEndpoint('names', 'Display names of organisations, people and cameras, by id', NamesDto)
  async names(@CurrentPrincipal() principal: Principal, @Query() q: NamesRequestDto): Promise<NamesDto> {
    await this.readModel.lists.catchUp();
    const values: unknown[] = [q.id];
    let reach = 'true';
    if (!readsEverything(principal)) {
      const division = parseDivisionCode(principal.divisionCode);
      // Division codes are digits: '-' matches none, for a caller without jurisdiction.
      const prefix = hasJurisdiction(principal) && division.ok ? `${division.value.prefix}%` : '-';
      values.push(prefix, principal.organisationId);
      reach = '(division_code LIKE $2 OR organisation_id = $3)';
    }
    // An owner's operator is shown the officers who ask it to cooperate, their credential with
    // their name on it (R18.2): it reads officers' names by id, without a jurisdiction. Other
    // owners' operators stay out of its reach.
    const officerReach = principal.roles.includes('OWNER_OPERATOR') ? 'true' : reach;
    const { rows } = await this.readModel.pool.query(
      `SELECT id, 'ORGANISATION' AS kind, name, NULL AS organisation_id FROM reg_organisations WHERE id = ANY($1)
       UNION ALL SELECT DISTINCT ON (person_id) person_id, 'OFFICER', name, organisation_id FROM reg_officers WHERE person_id = ANY($1) AND ${officerReach}
       UNION ALL SELECT DISTINCT ON (person_id) person_id, 'OPERATOR', name, organisation_id FROM reg_operators WHERE person_id = ANY($1) AND ${reach}
       UNION ALL SELECT DISTINCT ON (person_id) person_id, 'HEAD', name, organisation_id FROM reg_head_names WHERE person_id = ANY($1)
         AND person_id NOT IN (SELECT person_id FROM reg_officers WHERE person_id = ANY($1))`,
      values,
    );
    return {
      items: rows.map(
        (r): NameEntryDto => ({ id: r.id, kind: r.kind, name: r.name, ...(r.organisation_id !== null ? { organisationId: r.organisation_id } : {}) }),
      ),
    };
  }
}
