import { applyDecorators } from '@nestjs/common';
import { IsInt, IsUrl, Max, Min } from 'class-validator';
import type { ServiceName } from './embedded-services';
import { Setting } from './setting.decorator';

/** An absolute http(s) URL; a host without a top-level domain (a cluster's service name) is fine. */
export const HTTP_URL = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/**
 * The base URL of another service's API, which this service calls (`REGISTRY_URL`,
 * `APPROVALS_URL`, …): an http(s) URL, described by what this service reads there.
 */
export function ServiceUrlSetting(service: ServiceName, reads: string): PropertyDecorator {
  return applyDecorators(Setting({ description: `Base URL of the ${service} service's API (${reads})` }), IsUrl(HTTP_URL));
}

/** A whole-number setting within `min` (and `max`, when given). */
export function IntSetting(description: string, range: { readonly min: number; readonly max?: number }): PropertyDecorator {
  const bounds = range.max === undefined ? [Min(range.min)] : [Min(range.min), Max(range.max)];
  return applyDecorators(Setting({ description }), IsInt(), ...bounds);
}
