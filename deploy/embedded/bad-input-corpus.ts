import { apiPath } from '@custos/platform';
import type { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ROLES_KEY } from '@custos/auth';
import { getMetadataStorage } from 'class-validator';

/**
 * The bad-input corpus of issue 14, generated: the write operations come from a service's OpenAPI
 * document, the fields of each body from the class-validator rules of the DTO its handler
 * reads, and the caller from the route's `@Roles`, so that a refusal by a guard cannot pass for
 * a refusal of the input.
 */

/** One write operation of a service's OpenAPI document. */
export interface WriteOperation {
  readonly service: string;
  readonly method: 'post' | 'put' | 'patch' | 'delete';
  /** `/requests/{id}/co-sign`. */
  readonly path: string;
  readonly operationId: string;
  readonly roles: readonly string[];
  /** Top-level and nested fields of the body DTO; empty when the route reads no JSON body. */
  readonly fields: readonly BodyField[];
  readonly rawBody: boolean;
}

export interface BodyField {
  /** Dotted path in the body: `window.from`. */
  readonly path: string;
  readonly kind: 'text' | 'date-time' | 'other';
}

export interface CorpusCase {
  readonly label: string;
  readonly operation: WriteOperation;
  /** The path with its parameters filled in, raw (a `%00` stays as typed). */
  readonly url: string;
  readonly contentType?: string;
  readonly body?: string | Buffer;
  readonly authorization?: string;
  readonly expected: { readonly status: number; readonly code: string; readonly property?: string };
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { operationId?: string; requestBody?: { content?: Record<string, unknown> } }>>;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/** The authenticated write operations of a service (the development issuer's token route is no command). */
export function writeOperationsOf(service: string, document: OpenApiDocument, app: INestApplication): WriteOperation[] {
  const operations: WriteOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of WRITE_METHODS) {
      const op = item[method];
      if (!op?.operationId || path.startsWith('/dev/')) continue;
      const handler = handlerOf(app, op.operationId);
      const rawBody = Object.keys(op.requestBody?.content ?? {}).some((type) => !type.includes('json'));
      operations.push({
        service,
        method,
        path,
        operationId: op.operationId,
        roles: (Reflect.getMetadata(ROLES_KEY, handler.method) ?? Reflect.getMetadata(ROLES_KEY, handler.controller) ?? []) as string[],
        fields: rawBody ? [] : fieldsOf(bodyTypeOf(handler)),
        rawBody,
      });
    }
  }
  return operations;
}

interface Handler {
  readonly controller: Type<unknown>;
  readonly name: string;
  readonly method: (...args: unknown[]) => unknown;
}

/** Swagger names an operation `<Controller>_<method>`. */
function handlerOf(app: INestApplication, operationId: string): Handler {
  const [controllerName, name] = operationId.split('_');
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | undefined;
      if (controller?.name === controllerName) return { controller, name, method: controller.prototype[name] };
    }
  }
  throw new Error(`no controller for ${operationId}`);
}

function bodyTypeOf(handler: Handler): Type<unknown> | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, handler.controller, handler.name) ?? {}) as Record<string, { index: number }>;
  const body = Object.entries(args).find(([key]) => key.split(':')[0] === '3');
  if (!body) return undefined;
  const types = Reflect.getMetadata('design:paramtypes', handler.controller.prototype, handler.name) as Type<unknown>[];
  return types[body[1].index];
}

/** A DTO's fields by their class-validator rules, nested DTOs (`@ValidateNested`) included. */
function fieldsOf(dto: Type<unknown> | undefined, prefix = '', depth = 0): BodyField[] {
  if (!dto || depth > 3) return [];
  const byProperty = new Map<string, Set<string>>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const names = byProperty.get(m.propertyName) ?? new Set<string>();
    names.add(m.name ?? m.type);
    byProperty.set(m.propertyName, names);
  }
  const fields: BodyField[] = [];
  for (const [property, rules] of byProperty) {
    const path = `${prefix}${property}`;
    if (rules.has('nestedValidation')) {
      // A nested DTO's class is its property's declared type (a list of them is left out).
      const nested = Reflect.getMetadata('design:type', dto.prototype, property) as Type<unknown> | undefined;
      if (nested !== Array) fields.push(...fieldsOf(nested, `${path}.`, depth + 1));
    } else if (rules.has('isIso8601')) fields.push({ path, kind: 'date-time' });
    else if (rules.has('isString') || rules.has('matches') || rules.has('isNotEmpty') || rules.has('isUuid')) fields.push({ path, kind: 'text' });
    else fields.push({ path, kind: 'other' });
  }
  return fields;
}

/** A body naming every field once: text `x`, date-times with an offset, the rest `1`. */
export function baseBodyOf(fields: readonly BodyField[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) setPath(body, field.path, field.kind === 'date-time' ? '2026-01-01T08:00:00+08:00' : field.kind === 'text' ? 'x' : 1);
  return body;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
  at[parts[parts.length - 1]] = value;
}

function withPath(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  setPath(copy, path, value);
  return copy;
}

const fillPath = (path: string, value: string) => path.replace(/\{[^}]+\}/g, value);
const SOME_ID = '3f2c1d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f';
const JSON_TYPE = 'application/json';

/** Every case for one operation, each with the status and code it must be answered with. */
export function casesOf(operation: WriteOperation): CorpusCase[] {
  const url = fillPath(apiPath(operation.path), SOME_ID);
  const cases: CorpusCase[] = [];
  const add = (label: string, c: Omit<CorpusCase, 'label' | 'operation' | 'url'> & { url?: string }) =>
    cases.push({ label: `${operation.service} ${operation.method.toUpperCase()} ${operation.path}: ${label}`, operation, url, ...c });
  const invalid = (code: string, status = 400) => ({ status, code });

  if (operation.path.includes('{')) {
    add('NUL in a path parameter', { url: fillPath(apiPath(operation.path), 'a%00b'), expected: invalid('CUSTOS_INPUT_CONTROL_CHARACTER') });
    add('right-to-left override in a path parameter', { url: fillPath(apiPath(operation.path), 'a%E2%80%AEb'), expected: invalid('CUSTOS_INPUT_BIDI_CONTROL') });
    add('broken percent-encoding in a path parameter', { url: fillPath(apiPath(operation.path), '%E0%A4%A'), expected: invalid('CUSTOS_INPUT_MALFORMED_URL') });
  }
  add('NUL in the query', { url: `${url}?note=%00`, expected: invalid('CUSTOS_INPUT_CONTROL_CHARACTER') });
  add('an isolate in the query', { url: `${url}?note=%E2%81%A6`, expected: invalid('CUSTOS_INPUT_BIDI_CONTROL') });
  add('a 64 KiB bearer token', { authorization: `Bearer ${'a'.repeat(64 * 1024)}`, expected: invalid('CUSTOS_INPUT_HEADERS_TOO_LARGE', 431) });
  if (operation.rawBody) return cases;

  const base = baseBodyOf(operation.fields);
  const json = (body: unknown) => JSON.stringify(body);
  add('a body over the size limit', { contentType: JSON_TYPE, body: json({ ...base, padding: 'x'.repeat(150_000) }), expected: invalid('CUSTOS_INPUT_BODY_TOO_LARGE', 413) });
  add('a body nested 10 000 deep', { contentType: JSON_TYPE, body: `{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, expected: invalid('CUSTOS_INPUT_TOO_DEEP') });
  add('charset=latin1', { contentType: `${JSON_TYPE}; charset=latin1`, body: json(base), expected: invalid('CUSTOS_INPUT_UNSUPPORTED_CHARSET', 415) });
  add('charset=utf-16', { contentType: `${JSON_TYPE}; charset=utf-16`, body: json(base), expected: invalid('CUSTOS_INPUT_UNSUPPORTED_CHARSET', 415) });
  add('invalid UTF-8', { contentType: JSON_TYPE, body: Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]), expected: invalid('CUSTOS_INPUT_INVALID_UTF8') });
  add('malformed JSON', { contentType: JSON_TYPE, body: '{"x":', expected: invalid('CUSTOS_INPUT_MALFORMED_JSON') });
  add('a __proto__ key', { contentType: JSON_TYPE, body: `{"__proto__":{"admin":true},${json(base).slice(1)}`.replace(',}', '}'), expected: invalid('CUSTOS_INPUT_FORBIDDEN_KEY') });
  add('a constructor key', { contentType: JSON_TYPE, body: json({ ...base, constructor: { prototype: { admin: true } } }), expected: invalid('CUSTOS_INPUT_FORBIDDEN_KEY') });
  add('a text/plain body', { contentType: 'text/plain', body: json(base), expected: invalid('CUSTOS_INPUT_UNSUPPORTED_MEDIA_TYPE', 415) });
  add('a form body', { contentType: 'application/x-www-form-urlencoded', body: 'x=1', expected: invalid('CUSTOS_INPUT_UNSUPPORTED_MEDIA_TYPE', 415) });
  for (const field of operation.fields) {
    if (field.kind === 'text') {
      add(`NUL in ${field.path}`, { contentType: JSON_TYPE, body: json(withPath(base, field.path, 'x\u0000y')), expected: invalid('CUSTOS_INPUT_CONTROL_CHARACTER') });
      add(`U+202E in ${field.path}`, { contentType: JSON_TYPE, body: json(withPath(base, field.path, 'case-\u202e2024')), expected: invalid('CUSTOS_INPUT_BIDI_CONTROL') });
      add(`an escape sequence in ${field.path}`, { contentType: JSON_TYPE, body: json(withPath(base, field.path, '\u001b[2J')), expected: invalid('CUSTOS_INPUT_CONTROL_CHARACTER') });
    } else if (field.kind === 'date-time') {
      for (const [label, value] of [
        ['a date-time without offset', '2026-01-01T08:00:00'],
        ['a date without time', '2026-01-01'],
      ] as const) {
        add(`${label} in ${field.path}`, {
          contentType: JSON_TYPE,
          body: json(withPath(base, field.path, value)),
          expected: { status: 400, code: 'CUSTOS_VALIDATION_FAILED', property: field.path },
        });
      }
    }
  }
  return cases;
}
