import { applyDecorators, Controller, NestInterceptor, Type, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '@custos/auth';
import { CommandEndpoint } from '@custos/platform';
import { NoFeeInterceptor } from '../shared/no-fee.interceptor';
import { ViewingStep } from '@custos/contracts';
import { RecordsViewingRefusals, ViewingRefusalInterceptor } from '../shared/viewing-refusal.interceptor';

/**
 * A controller of commands on viewing or direct-access sessions under `path`: no fee (R17.5),
 * after the given interceptors. Each command's endpoint declares the bearer token.
 */
export const SessionCommandsController = (tag: string, path: string, ...interceptors: Type<NestInterceptor>[]): ClassDecorator =>
  applyDecorators(ApiTags(tag), Controller(path), UseInterceptors(...interceptors, NoFeeInterceptor));

/** The controller of a command on viewing sessions, whose refusals are recorded as `step`'s (R26.1). */
export const ViewingSessionsController = (step: ViewingStep): ClassDecorator =>
  applyDecorators(SessionCommandsController('viewing sessions', 'viewing-sessions', ViewingRefusalInterceptor), RecordsViewingRefusals(step));

/** An act on one session (`:sessionId/<path>`), answering the session's state with 200. */
export function SessionAct(act: {
  readonly path: string;
  readonly role: Role;
  readonly answer: Type<unknown>;
  readonly refusals: readonly string[];
  readonly summary: string;
}): MethodDecorator {
  return CommandEndpoint({ path: `:sessionId/${act.path}`, status: 200, response: act.answer, summary: act.summary, roles: [act.role], refusals: act.refusals });
}
