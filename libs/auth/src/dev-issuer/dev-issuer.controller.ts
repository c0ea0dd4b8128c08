import { ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
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
import { AcceptsFormBody } from '../decorators/accepts-form-body.decorator';
import { Public } from '../decorators/public.decorator';
import { UnauthorizedError } from '../errors/auth.errors';
import {
  DEV_ISSUER_PATHS,
  DEV_SIGN_IN_MAX_PAGE,
  DEV_SIGN_IN_PAGE,
  DevOpenIdConfiguration,
  DevSignInPage,
  DevSignInQuery,
  DevToken,
  DevTokenIssuer,
} from './dev-token.issuer';

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** A refusal as every service answers it (`@custos/platform`'s ErrorBodyDto, which each document carries). */
const refusal = (status: number, codes: string[]) =>
  ApiResponse({
    status,
    description: codes.join(', '),
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } },
  });
const object = (properties: Record<string, object>) => ({ type: 'object', properties, required: Object.keys(properties) });
const SIGN_IN_ENTRY = object({
  username: { type: 'string' },
  name: { type: 'string' },
  personId: { type: 'string' },
  organisationId: { type: 'string' },
  organisationName: { type: 'string' },
  roles: { type: 'array', items: { type: 'string' } },
});

/** Public by necessity: these endpoints are how a caller gets a token in the first place. */
@Public()
@Controller()
export class DevIssuerController {
  constructor(private readonly issuer: DevTokenIssuer) {}

  @Get(DEV_ISSUER_PATHS.openidConfiguration)
  @ApiOperation({ summary: "The embedded issuer's OpenID configuration (embedded mode only)" })
  @ApiOkResponse({ schema: { type: 'object', properties: { issuer: { type: 'string' }, jwks_uri: { type: 'string' } }, additionalProperties: true } })
  openIdConfiguration(): DevOpenIdConfiguration {
    return this.issuer.openIdConfiguration();
  }

  @Get(DEV_ISSUER_PATHS.jwks)
  @ApiOperation({ summary: "The embedded issuer's public signing keys (JWKS)" })
  @ApiOkResponse({ schema: object({ keys: { type: 'array', items: { type: 'object', additionalProperties: true } } }) })
  jwks(): JSONWebKeySet {
    return this.issuer.jwks();
  }

  /**
   * Who can sign in (the console's embedded sign-in page): names, organisation, roles, a page
   * at a time (`?q=<text>&limit=50&offset=0`). The query is read from the URL rather than with
   * @Query so that the registry's OpenAPI document (which the console's types come from) stays
   * as it is: this endpoint exists only in the embedded mode and only the sign-in page calls it.
   */
  @Get(DEV_ISSUER_PATHS.users)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The demo users one may sign in as (embedded mode only, loopback)' })
  @ApiOkResponse({ schema: object({ items: { type: 'array', items: SIGN_IN_ENTRY }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } }) })
  @refusal(400, ['CUSTOS_AUTH_DEV_USERS_PAGE_INVALID'])
  @refusal(403, ['CUSTOS_AUTH_DEV_ISSUER_LOOPBACK_ONLY'])
  users(@Req() req: IncomingMessage): Promise<DevSignInPage> {
    assertLoopback(req);
    return this.issuer.signInList(signInQuery(req.url ?? ''));
  }

  /**
   * Password-less on purpose: the embedded mode is a demo on one machine, never a deployment.
   * Also an OAuth token endpoint for the services: `grant_type=client_credentials` (a form) with
   * the service user as client id (its secret is not checked here), a `resource` (the called
   * service's audience) and the `scope` it needs, so the services get their tokens in the
   * embedded mode by the same client-credentials code as from a real provider.
   */
  @Post(DEV_ISSUER_PATHS.token)
  @AcceptsFormBody()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A bearer token for a demo user (embedded mode only, loopback)' })
  @ApiOkResponse({ schema: object({ access_token: { type: 'string' }, token_type: { type: 'string', enum: ['Bearer'] }, expires_in: { type: 'integer' } }) })
  @refusal(400, ['CUSTOS_AUTH_DEV_USERNAME_REQUIRED'])
  @refusal(401, ['CUSTOS_AUTH_UNKNOWN_USER'])
  @refusal(403, ['CUSTOS_AUTH_DEV_ISSUER_LOOPBACK_ONLY'])
  token(@Body() body: unknown, @Req() req: IncomingMessage): Promise<DevToken> {
    assertLoopback(req);
    const form = body as Record<string, unknown> | undefined;
    if (form?.grant_type === 'client_credentials') return this.clientCredentials(form, req);
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

  private clientCredentials(form: Record<string, unknown>, req: IncomingMessage): Promise<DevToken> {
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(String(req.headers.authorization ?? ''));
    const fromBasic = basic ? decodeURIComponent(Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0]) : undefined;
    const clientId = fromBasic ?? form.client_id;
    if (typeof clientId !== 'string' || !USERNAME.test(clientId)) throw new UnauthorizedError('CUSTOS_AUTH_UNKNOWN_USER');
    const text = (value: unknown) => (typeof value === 'string' && value.length <= 512 ? value : undefined);
    return this.issuer.issueToService(clientId, {
      audience: text(form.resource) ?? text(form.audience),
      scopes: text(form.scope)?.split(' ').filter((s) => s !== '') ?? [],
    });
  }
}

/** `?q&limit&offset` of the sign-in list; a limit or offset that is not a count is a 400. */
function signInQuery(url: string): DevSignInQuery {
  const params = new URL(url, 'http://localhost').searchParams;
  const count = (name: string, fallback: number, max: number): number => {
    const raw = params.get(name);
    if (raw === null || raw === '') return fallback;
    if (!/^\d{1,6}$/.test(raw) || Number(raw) > max) {
      throw new BadRequestException({
        statusCode: 400,
        code: 'CUSTOS_AUTH_DEV_USERS_PAGE_INVALID',
        message: `${name} must be a whole number from 0 to ${max}`,
      });
    }
    return Number(raw);
  };
  const text = params.get('q')?.slice(0, 100);
  return {
    ...(text ? { text } : {}),
    limit: Math.max(1, count('limit', DEV_SIGN_IN_PAGE, DEV_SIGN_IN_MAX_PAGE)),
    offset: count('offset', 0, 999_999),
  };
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
