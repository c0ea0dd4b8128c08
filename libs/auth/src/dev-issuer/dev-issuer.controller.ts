import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  Header,
  HttpCode,
  Post,
  Req,
} from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { JSONWebKeySet } from 'jose';
import { Public } from '../decorators/public.decorator';
import { DEV_ISSUER_PATHS, DevOpenIdConfiguration, DevSignInEntry, DevToken, DevTokenIssuer } from './dev-token.issuer';

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** Public by necessity: these endpoints are how a caller gets a token in the first place. */
@Public()
@Controller()
export class DevIssuerController {
  constructor(private readonly issuer: DevTokenIssuer) {}

  @Get(DEV_ISSUER_PATHS.openidConfiguration)
  openIdConfiguration(): DevOpenIdConfiguration {
    return this.issuer.openIdConfiguration();
  }

  @Get(DEV_ISSUER_PATHS.jwks)
  jwks(): JSONWebKeySet {
    return this.issuer.jwks();
  }

  /** Who can sign in (the console's embedded sign-in page): names, organisation, roles. */
  @Get(DEV_ISSUER_PATHS.users)
  @Header('Cache-Control', 'no-store')
  users(@Req() req: IncomingMessage): Promise<DevSignInEntry[]> {
    assertLoopback(req);
    return this.issuer.signInList();
  }

  /** Password-less on purpose: the embedded mode is a demo on one machine, never a deployment. */
  @Post(DEV_ISSUER_PATHS.token)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  token(@Body() body: unknown, @Req() req: IncomingMessage): Promise<DevToken> {
    assertLoopback(req);
    const username = (body as { username?: unknown } | undefined)?.username;
    if (typeof username !== 'string' || !USERNAME.test(username)) {
      throw new BadRequestException({
        statusCode: 400,
        code: 'CUSTOS_AUTH_DEV_USERNAME_REQUIRED',
        message: 'body must be { "username": "<seeded user>" }',
      });
    }
    return this.issuer.issue(username);
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Password-less sign-in is for one machine: a caller from another host (an embedded install
 * bound to 0.0.0.0 by mistake) gets no token and no list of people.
 */
function assertLoopback(req: IncomingMessage): void {
  if (!LOOPBACK.test(req.socket?.remoteAddress ?? '')) {
    throw new ForbiddenException({
      statusCode: 403,
      code: 'CUSTOS_AUTH_DEV_ISSUER_LOOPBACK_ONLY',
      message: 'the development issuer answers callers on this machine only',
    });
  }
}
