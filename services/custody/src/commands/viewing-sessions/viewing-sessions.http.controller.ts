import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiRefusals } from '@custos/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JoinedViewingSessionDto, ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { err } from '@custos/domain';
import { ViewingSession } from '../../domain/viewing-session.aggregate';
import { viewingErrors } from '../../domain/viewing-session.errors';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { RecordsViewingRefusals, ViewingRefusalInterceptor } from '../../shared/viewing-refusal.interceptor';
import { OpenViewingSessionRequestDto } from './open-viewing-session.request.dto';
import { ViewingSessionCommands } from './viewing-session.commands';

/** What a command answers about a session: its state after the command. */
export function sessionState(session: ViewingSession, now: Date): Record<string, unknown> {
  return {
    sessionId: session.sessionId,
    requestId: session.opened.requestId,
    ownerOrganisationId: session.opened.ownerOrganisationId,
    requestingOrganisationId: session.opened.requestingOrganisationId,
    status: session.isOpenAt(now) ? 'OPEN' : 'CLOSED',
    openedAt: session.opened.openedAt,
    expiresAt: session.opened.expiresAt,
    joined: [...session.joined.values()].map((o) => ({ personId: o.personId, credentialNumber: o.credentialNumber })),
    bothJoined: session.bothJoined,
    ...(session.closed ? { closeReason: session.closed.reason, closedAt: session.closed.at } : {}),
  };
}

/**
 * Viewing sessions of co-signed VIEW requests (R18.1–R18.4): the owner's operator opens one,
 * time-boxed, and may close it early; each of the two co-signing officers (or, with policy
 * `onlySigners` off, any officer of the requesting organ) joins with their own token, qualified
 * at that moment (R18.2); either officer may end it. No fee (R17.5).
 */
@ApiTags('viewing sessions')
@ApiBearerAuth()
@Controller('viewing-sessions')
@UseInterceptors(ViewingRefusalInterceptor, NoFeeInterceptor)
export class ViewingSessionsHttpController {
  constructor(private readonly commands: ViewingSessionCommands) {}

  @Post()
  @Roles('OWNER_OPERATOR')
  @RecordsViewingRefusals('OPEN')
  @ApiCreatedResponse({ type: ViewingSessionStateDto })
  @ApiRefusals(400, 403, 404, 409, 502, 503)
  @ApiOperation({
    summary: 'Open a time-boxed viewing session for a co-signed VIEW request of your systems (R18.1–R18.4)',
  })
  async open(
    @CurrentPrincipal() principal: Principal,
    @Body() body: OpenViewingSessionRequestDto,
  ): Promise<Record<string, unknown>> {
    const session = await this.commands.open(principal, body.requestId, body.durationMinutes * 60_000);
    return sessionState(session, this.commands.clock());
  }

  @Post(':sessionId/join')
  @RecordsViewingRefusals('JOIN')
  @ApiOkResponse({ type: JoinedViewingSessionDto })
  @ApiRefusals(403, 404, 409, 502, 503)
  @HttpCode(200)
  @Roles('OFFICER')
  @ApiOperation({
    summary: 'Join as one of the two co-signing officers, qualified now; the credential is recorded (R18.1, R18.2)',
  })
  async join(
    @CurrentPrincipal() principal: Principal,
    @Param('sessionId') sessionId: string,
  ): Promise<Record<string, unknown>> {
    const { session, value } = await this.commands.decide(principal, sessionId, async (session, now) => {
      // Who may not join under the policy is refused as such, before the registry is asked.
      if (!session.mayJoin(principal.personId, this.commands.officerPolicy))
        return err(viewingErrors.notACoSigner(session.sessionId, principal.personId));
      const officer = await this.commands.officer(principal, now);
      return session.join(officer.record, principal.divisionCode, now, this.commands.officerPolicy, this.commands.rulePacks);
    });
    return { ...sessionState(session, this.commands.clock()), joinedNow: value.joinedNow };
  }

  @Post(':sessionId/close')
  @RecordsViewingRefusals('CLOSE')
  @ApiOkResponse({ type: ViewingSessionStateDto })
  @ApiRefusals(403, 404, 409)
  @HttpCode(200)
  @Roles('OWNER_OPERATOR')
  @ApiOperation({ summary: 'Close the session early: playback stops at the next request (R18.4)' })
  async close(
    @CurrentPrincipal() principal: Principal,
    @Param('sessionId') sessionId: string,
  ): Promise<Record<string, unknown>> {
    const owner = await this.commands.registeredOwner(principal);
    const { session } = await this.commands.decide(principal, sessionId, (session, now) => session.close('CLOSED_BY_OWNER', owner, now));
    return sessionState(session, this.commands.clock());
  }

  @Post(':sessionId/end')
  @RecordsViewingRefusals('END')
  @ApiOkResponse({ type: ViewingSessionStateDto })
  @ApiRefusals(403, 404, 409)
  @HttpCode(200)
  @Roles('OFFICER')
  @ApiOperation({ summary: 'End the session as one of its two officers (R18.4)' })
  async end(
    @CurrentPrincipal() principal: Principal,
    @Param('sessionId') sessionId: string,
  ): Promise<Record<string, unknown>> {
    const { session } = await this.commands.decide(principal, sessionId, (session, now) =>
      session.close(
        'ENDED_BY_OFFICERS',
        { personId: principal.personId, organisationId: principal.organisationId },
        now,
      ),
    );
    return sessionState(session, this.commands.clock());
  }
}
