import { Controller, Get, INestApplication, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { assertJurisdiction, assertOrganisation } from '../access/organisation-scope.assert';
import { AuthModule, AuthModuleOptions } from '../auth.module';
import type { AuthConfig } from '../config/auth.config';
import { CurrentPrincipal } from '../decorators/current-principal.decorator';
import { Public } from '../decorators/public.decorator';
import { Roles } from '../decorators/roles.decorator';
import { ServiceScopes } from '../decorators/service-scopes.decorator';
import { InMemoryAccessDenialRecorder } from '../denials/in-memory-access-denial.recorder';
import type { Principal } from '../principal/principal';

/** Routes that exercise each guard and check, for the lib's own specs. */
@Controller()
export class ProbeController {
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Roles('APPROVER')
  @Get('approvals')
  approvals(): { ok: true } {
    return { ok: true };
  }

  /** Footage as storage serves it: owners by role, services only with the segments scope. */
  @Roles('OWNER_OPERATOR', 'SERVICE')
  @ServiceScopes('custos:segments.read')
  @Get('segments')
  segments(): { ok: true } {
    return { ok: true };
  }

  @Get('divisions/:code')
  division(@CurrentPrincipal() principal: Principal, @Param('code') code: string): { ok: true } {
    assertJurisdiction(principal, code);
    return { ok: true };
  }

  @Get('organisations/:id')
  organisation(@CurrentPrincipal() principal: Principal, @Param('id') id: string): { ok: true } {
    assertOrganisation(principal, id);
    return { ok: true };
  }
}

@Roles('OVERSIGHT')
@Controller('audit')
export class AuditProbeController {
  @Get()
  read(): { ok: true } {
    return { ok: true };
  }

  /** A contradiction on purpose: roles must win over a stray @Public(). */
  @Public()
  @Get('open')
  open(): { ok: true } {
    return { ok: true };
  }

  @Roles('OFFICER')
  @Get('own')
  own(): { ok: true } {
    return { ok: true };
  }
}

export interface ProbeApp {
  readonly app: INestApplication;
  readonly recorder: InMemoryAccessDenialRecorder;
}

export async function startProbeApp(config: AuthConfig, options: AuthModuleOptions = {}): Promise<ProbeApp> {
  const recorder = new InMemoryAccessDenialRecorder();
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot(config, { recorder: { useValue: recorder }, ...options })],
    controllers: [ProbeController, AuditProbeController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return { app, recorder };
}
