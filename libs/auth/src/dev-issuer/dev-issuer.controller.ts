import { BadRequestException, Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { JSONWebKeySet } from 'jose';
import { Public } from '../decorators/public.decorator';
import { DEV_ISSUER_PATHS, DevOpenIdConfiguration, DevToken, DevTokenIssuer } from './dev-token.issuer';

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

  /** Password-less on purpose: the embedded mode is a demo on one machine, never a deployment. */
  @Post(DEV_ISSUER_PATHS.token)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  token(@Body() body: unknown): Promise<DevToken> {
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
