import { applyDecorators, Controller, HttpCode, NestInterceptor, Post, Type, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, Roles } from '@custos/auth';
import { ApiRefusalCodes } from '@custos/platform';
import { NoFeeInterceptor } from '../shared/no-fee.interceptor';

/** A controller of commands on viewing or direct-access sessions under `path`: no fee (R17.5), after the given interceptors. */
export const SessionCommandsController = (tag: string, path: string, ...interceptors: Type<NestInterceptor>[]): ClassDecorator =>
  applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(path), UseInterceptors(...interceptors, NoFeeInterceptor));

/** An act on one session (`:sessionId/<path>`), answering the session's state with 200. */
export function SessionAct(act: {
  readonly path: string;
  readonly role: Role;
  readonly answer: Type<unknown>;
  readonly refusals: readonly string[];
  readonly summary: string;
}): MethodDecorator {
  return applyDecorators(
    Post(`:sessionId/${act.path}`),
    HttpCode(200),
    Roles(act.role),
    ApiOkResponse({ type: act.answer }),
    ApiRefusalCodes(...act.refusals),
    ApiOperation({ summary: act.summary }),
  );
}
