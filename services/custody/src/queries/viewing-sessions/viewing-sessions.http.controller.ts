import { Controller, Get, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { DOWNSTREAM_REFUSALS, orRefuse, Page, PAGED_INPUT, PageRequestDto, ApiRefusalCodes } from '@custos/platform';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlaybackLinkSetDto, ViewingSessionPageDto, ViewingSessionViewDto, ViewRequestPageDto } from './viewing-sessions.response.dto';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import type { Response } from 'express';
import { ViewingSessionCommands } from '../../commands/viewing-sessions/viewing-session.commands';
import { CoSignedViewRequests, ViewingSessionView, ViewingSessionViews } from './viewing-views.port';
import type { ViewRequest } from '@custos/domain';
import { RecordsViewingRefusals, ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { PlaybackLinks, PlaybackLinkSet, uncachedLinks } from './playback-links';
import { SessionPathDto } from '../../shared/paths.request.dto';
import { PLAYBACK_LINK_REFUSALS } from '../../commands/session.refusals';

@ApiTags('viewing sessions')
@ApiBearerAuth()
@Controller()
export class ViewingSessionQueriesHttpController {
  constructor(
    private readonly readModels: ViewingSessionViews,
    private readonly commands: ViewingSessionCommands,
    private readonly links: PlaybackLinks,
    private readonly requests: CoSignedViewRequests,
  ) {}

  @Get('view-requests')
  @ApiOkResponse({ type: ViewRequestPageDto })
  @ApiRefusalCodes(...PAGED_INPUT)
  @Roles('OWNER_OPERATOR')
  @ApiOperation({
    summary: 'Co-signed VIEW requests naming your systems, newest first: what you may open a viewing session for (R18.1)',
  })
  viewRequests(@CurrentPrincipal() principal: Principal, @Query() query: PageRequestDto): Promise<Page<ViewRequest>> {
    return this.requests.coSignedFor(principal.organisationId, query);
  }

  @Get('viewing-sessions')
  @ApiOkResponse({ type: ViewingSessionPageDto })
  @ApiRefusalCodes(...PAGED_INPUT)
  @Roles('OFFICER', 'OWNER_OPERATOR', 'OVERSIGHT')
  @ApiOperation({
    summary: "Viewing sessions of your systems (owners), your organ's (officers), or in your jurisdiction (oversight), newest first",
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageRequestDto): Promise<Page<ViewingSessionView>> {
    return this.readModels.sessionsPage(principal, query);
  }

  @Get('viewing-sessions/:sessionId')
  @ApiOkResponse({ type: ViewingSessionViewDto })
  @ApiRefusalCodes('CUSTOS_R3_1_VIEWING_SESSION_NOT_FOUND')
  @Roles('OFFICER', 'OWNER_OPERATOR', 'OVERSIGHT')
  @ApiOperation({ summary: 'One viewing session: who joined, when it opened, started, ends or ended' })
  async get(@CurrentPrincipal() principal: Principal, @Param() path: SessionPathDto): Promise<ViewingSessionView> {
    return orRefuse(await this.readModels.session(principal, path.sessionId));
  }

  /**
   * Short-lived links to play the session's footage and its player page, for one of its two
   * officers once both have joined (R18.1); bound to the session, the officer and the segment.
   */
  @Get('viewing-sessions/:sessionId/playback-links')
  @ApiOkResponse({ type: PlaybackLinkSetDto })
  @ApiRefusalCodes(...PLAYBACK_LINK_REFUSALS, ...DOWNSTREAM_REFUSALS)
  @Roles('OFFICER')
  @RecordsViewingRefusals('PLAYBACK_LINKS')
  @UseInterceptors(ViewingRefusalInterceptor)
  @ApiOperation({ summary: "Short-lived playback links of the session's segments and player page (R18.1–R18.4)" })
  async playbackLinks(@CurrentPrincipal() principal: Principal, @Param() path: SessionPathDto, @Res({ passthrough: true }) response: Response): Promise<PlaybackLinkSet> {
    const playable = this.commands.playableBy(principal, path.sessionId);
    return uncachedLinks(response, playable, ({ session, now }) => this.links.forViewer(session, principal.personId, now));
  }
}
