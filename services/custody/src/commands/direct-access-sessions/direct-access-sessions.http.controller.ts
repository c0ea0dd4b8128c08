import { ApiRefusalCodes, orRefuse, Page, PAGED_INPUT, PageRequestDto } from '@custos/platform';
import { Controller, Get, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import type { Response } from 'express';
import { PlaybackLinks, PlaybackLinkSet, PlayableSession, uncachedLinks } from '../../queries/viewing-sessions/playback-links';
import { PlaybackLinkSetDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { SessionPathDto } from '../../shared/paths.request.dto';
import { DirectAccessGrant, DirectAccessGrants } from './direct-access-grants.table';
import { DirectAccessSession } from './direct-access-session.aggregate';
import { DirectAccessSessionCommands } from './direct-access-session.commands';
import { DirectAccessReadModels, DirectAccessSessionView } from './direct-access-sessions.read-model';
import { DirectAccessGrantPageDto, DirectAccessSessionPageDto, DirectAccessSessionViewDto } from './direct-access-sessions.response.dto';

/** The footage a direct-access session plays: the granted cameras over the grant period (R17.4). */
export function playableOf(session: DirectAccessSession): PlayableSession {
  const o = session.opened;
  return {
    sessionId: session.sessionId,
    expiresAt: session.expiresAt,
    cameraIds: o.cameraIds,
    window: { from: o.grantFrom, to: o.grantTo },
    ownerOrganisationIds: o.ownerOrganisationIds,
  };
}

/**
 * Direct access executed (R17.4): an approved direct access of a public or state security organ
 * is used through time-boxed sessions of the granted cameras, opened and joined by that organ's
 * officers, each qualified at that moment (R18.2); access starts once at least two are in
 * (R18.1) and is registered (R16.6); it ends at expiry, by its officers, or on revocation.
 * No fee (R17.5).
 */
@ApiTags('direct access')
@ApiBearerAuth()
@Controller()
@UseInterceptors(NoFeeInterceptor)
export class DirectAccessSessionsHttpController {
  constructor(
    private readonly commands: DirectAccessSessionCommands,
    private readonly grants: DirectAccessGrants,
    private readonly readModels: DirectAccessReadModels,
    private readonly links: PlaybackLinks,
  ) {}

  @Get('direct-access-grants')
  @Roles('OFFICER')
  @ApiOkResponse({ type: DirectAccessGrantPageDto })
  @ApiRefusalCodes(...PAGED_INPUT)
  @ApiOperation({ summary: "Your organ's approved direct accesses, in the order granted: what you may open a session of (R17.4)" })
  grantsOf(@CurrentPrincipal() principal: Principal, @Query() query: PageRequestDto): Promise<Page<DirectAccessGrant>> {
    return this.grants.grantedTo(principal.organisationId, query);
  }

  @Get('direct-access-sessions')
  @Roles('OFFICER', 'OWNER_OPERATOR', 'OVERSIGHT')
  @ApiOkResponse({ type: DirectAccessSessionPageDto })
  @ApiRefusalCodes(...PAGED_INPUT)
  @ApiOperation({ summary: 'Direct-access sessions of your organ (officers), on your systems (owners), or in your jurisdiction (oversight), newest first' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageRequestDto): Promise<Page<DirectAccessSessionView>> {
    return this.readModels.sessionsPage(principal, query);
  }

  @Get('direct-access-sessions/:sessionId')
  @Roles('OFFICER', 'OWNER_OPERATOR', 'OVERSIGHT')
  @ApiOkResponse({ type: DirectAccessSessionViewDto })
  @ApiRefusalCodes('CUSTOS_R3_1_DIRECT_ACCESS_SESSION_NOT_FOUND')
  @ApiOperation({ summary: 'One direct-access session: who is in, when access started, ends or ended' })
  async get(@CurrentPrincipal() principal: Principal, @Param() path: SessionPathDto): Promise<DirectAccessSessionView> {
    return orRefuse(await this.readModels.session(principal, path.sessionId));
  }

  /** Short-lived links to the granted cameras' footage, for an officer in the session once two are in (R18.1, R18.4). */
  @Get('direct-access-sessions/:sessionId/playback-links')
  @Roles('OFFICER')
  @ApiOperation({ summary: "Short-lived playback links of the granted cameras' segments and the player page (R17.4, R18.4)" })
  @ApiOkResponse({ type: PlaybackLinkSetDto })
  async playbackLinks(@CurrentPrincipal() principal: Principal, @Param() path: SessionPathDto, @Res({ passthrough: true }) response: Response): Promise<PlaybackLinkSet> {
    const playable = this.commands.playableBy(principal, path.sessionId);
    return uncachedLinks(response, playable, ({ session, now }) => this.links.forSession(playableOf(session), 'direct', principal.personId, now));
  }
}
