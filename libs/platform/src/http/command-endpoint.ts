import {
  applyDecorators,
  Delete,
  Get,
  HttpCode,
  Injectable,
  Post,
  Put,
  type Type,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { Roles, type Role } from '@custos/auth';
import { ApiRefusalCodes } from '../errors/error-body.dto';
import { ApiAnswer, type AnswerField } from './api-responses';

const ROUTES = { POST: Post, PUT: Put, DELETE: Delete } as const;

/** What a command endpoint states of its own; the rest is the one shape every command shares. */
export interface CommandEndpointOptions {
  /** POST unless said otherwise. */
  readonly method?: keyof typeof ROUTES;
  /** Under the controller's path (`':id/withdraw'`); none for the controller's path itself. */
  readonly path?: string;
  /** 201 for a creation (the default), 200 for an action on an existing resource (README, "API conventions"). */
  readonly status?: 200 | 201 | 204;
  readonly summary: string;
  /**
   * What the command answers with (none for a 204): its DTO, or the fields of a small answer
   * (`{ id: 'uuid' }`, a receipt) documented inline as `ApiAnswer` does.
   */
  readonly response?: Type<unknown> | Readonly<Record<string, AnswerField>>;
  readonly description?: string;
  /** The roles that may send it (R3.1). */
  readonly roles: readonly [Role, ...Role[]];
  /** The codes it may be refused with, each documented under its catalogued status. */
  readonly refusals?: readonly string[];
}

/**
 * A command's endpoint in one line of intent: its route and status, the roles that may send it
 * behind a bearer token, its answer and its coded refusals in the OpenAPI document:
 * `@CommandEndpoint({ path: ':id/fee', status: 200, summary, response: FeeDto, roles: ['OWNER_OPERATOR'], refusals: FEE_REFUSALS })`.
 */
export function CommandEndpoint(options: CommandEndpointOptions): MethodDecorator {
  const status = options.status ?? 201;
  return applyDecorators(
    Roles(...options.roles),
    ROUTES[options.method ?? 'POST'](options.path),
    HttpCode(status),
    ApiOperation({ summary: options.summary }),
    answerOf(status, options),
    ApiRefusalCodes(...(options.refusals ?? [])),
  );
}

/** What a read endpoint states of its own: its route under the controller's, its answer (200), who may read and its refusals. */
export interface QueryEndpointOptions {
  readonly path?: string;
  readonly summary: string;
  readonly response: Type<unknown>;
  readonly description?: string;
  /** The roles that may read it (R3.1). */
  readonly roles: readonly [Role, ...Role[]];
  readonly refusals?: readonly string[];
}

/**
 * A read's endpoint in one line of intent, as `CommandEndpoint` is a command's: a GET answering
 * 200 with its DTO, behind a bearer token for the roles named, with its coded refusals.
 */
export function QueryEndpoint(options: QueryEndpointOptions): MethodDecorator {
  return applyDecorators(
    Roles(...options.roles),
    Get(options.path),
    ApiOperation({ summary: options.summary }),
    ApiResponse({ status: 200, type: options.response, ...(options.description ? { description: options.description } : {}) }),
    ApiRefusalCodes(...(options.refusals ?? [])),
  );
}

function answerOf(status: number, { response, description }: CommandEndpointOptions): MethodDecorator {
  if (response !== undefined && typeof response !== 'function') return ApiAnswer(status, response, description);
  return ApiResponse({ status, ...(response ? { type: response } : {}), ...(description ? { description } : {}) });
}

/**
 * A thin command controller: it turns the HTTP call into a command on the bus and answers what
 * the handler decided; the subclass states only its endpoint (`@CommandEndpoint`) and its command.
 */
@Injectable()
export abstract class CommandHttpController {
  constructor(protected readonly commands: CommandBus) {}
}
