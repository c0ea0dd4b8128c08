import { applyDecorators, Controller, NestInterceptor, Type, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandEndpoint, DOWNSTREAM_REFUSALS } from '@custos/platform';
import { NoFeeInterceptor } from '../shared/no-fee.interceptor';
import { ITEM_COMMAND_REFUSALS } from './evidence-item.refusals';

/**
 * A controller of one command on an evidence item at `path`: documented under custody, and never
 * asking a fee (R17.5); `interceptors` run before the fee check. Its command's endpoint declares
 * the bearer token.
 */
export function EvidenceItemCommandController(path: string, ...interceptors: Type<NestInterceptor>[]): ClassDecorator {
  return applyDecorators(ApiTags('custody'), Controller(path), UseInterceptors(...interceptors, NoFeeInterceptor));
}

/**
 * An officer's command on an evidence item (R18.2): a POST answering `created` (201: it adds to a
 * collection, `…/hand-overs`) or the item's new `state` (200: a step on an existing resource,
 * `…/receipt`, by the API's convention), documenting the refusals every item command shares
 * (`ITEM_COMMAND_REFUSALS`) and its own; `upstream` when it asks another service (the
 * approvals' trust, storage), which may fail (502) or be away (503).
 */
export function OfficerItemCommand(
  options: ({ readonly created: Type<unknown> } | { readonly state: Type<unknown> }) & {
    readonly summary: string;
    readonly refusals: readonly string[];
    readonly upstream?: boolean;
  },
): MethodDecorator {
  const created = 'created' in options;
  return CommandEndpoint({
    status: created ? 201 : 200,
    response: created ? options.created : options.state,
    summary: options.summary,
    roles: ['OFFICER'],
    refusals: [...ITEM_COMMAND_REFUSALS, ...options.refusals, ...(options.upstream ? DOWNSTREAM_REFUSALS : [])],
  });
}
