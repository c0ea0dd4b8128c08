import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { AUTH_ERROR_CATALOGUE, OPENAPI_ROLES } from '@custos/auth';
import { ErrorBodyDto, FieldErrorDto } from '../errors/error-body.dto';
import { VALIDATION_FAILED } from '../errors/error-body';
import { EDGE_ERROR_CATALOGUE } from '../errors/edge-errors';
import { PROBLEM_JSON } from '../errors/problem-details';
import { OPENAPI_PUBLIC } from './public.decorator';
import { API_PREFIX, isUnversioned } from './api-version';

export const BEARER_SCHEME = 'bearer';

/**
 * The OpenAPI document of a service, with bearer tokens as the scheme. What every operation
 * shares is declared here once, from the same metadata the guards and pipes act on: the
 * security of each protected operation, its 401 (and 403 when it requires roles), and the 400
 * of an operation that reads input.
 */
export function openApiDocumentOf(app: INestApplication, service: string, apiVersion = '1', options: OpenApiDocumentOptions = {}): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Custos ${service}`)
      .setDescription(
        `The ${service} service of Custos, evidence access and chain of custody for public-security footage.`,
      )
      .setVersion(apiVersion)
      .setLicense('UNLICENSED', 'https://spdx.org/licenses/')
      // Relative: a service answers at its own root, or behind the console at /api/<service>.
      .addServer(`/${API_PREFIX}`, 'The service itself (its API is versioned; probes and metrics at the root)')
      .addBearerAuth(undefined, BEARER_SCHEME)
      .build(),
    { extraModels: [ErrorBodyDto, FieldErrorDto], ignoreGlobalPrefix: true },
  );
  for (const [path, item] of Object.entries(document.paths)) {
    if (isUnversioned(path)) item.servers = [{ url: '/' }];
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const operation = item[method];
      if (operation) declareTheEdge(operation, options);
    }
  }
  return document;
}

export interface OpenApiDocumentOptions {
  /**
   * Keep each operation's roles as `x-custos-roles` (and `x-custos-public`), for the authorisation
   * matrix test; the served document (and the console's client generated from it) leaves them out.
   */
  readonly keepAccessExtensions?: boolean;
}

/** The OpenAPI document at `/docs` (UI) and `/docs-json`. */
export function setupSwagger(app: INestApplication, service: string, apiVersion = '1'): void {
  SwaggerModule.setup('docs', app, openApiDocumentOf(app, service, apiVersion), { jsonDocumentUrl: 'docs-json' });
}

const codesWithStatus = (catalogue: Record<string, { status: number }>, status: number, prefix = 'CUSTOS_') =>
  Object.entries(catalogue)
    .filter(([code, spec]) => spec.status === status && code.startsWith(prefix))
    .map(([code]) => code);

const TOKEN_REFUSALS = codesWithStatus(AUTH_ERROR_CATALOGUE, 401).filter((c) => !c.includes('_DEV_'));
const ROLE_REFUSALS = ['CUSTOS_AUTH_ROLE_REQUIRED'];
const INPUT_REFUSALS = [VALIDATION_FAILED, ...codesWithStatus(EDGE_ERROR_CATALOGUE, 400, 'CUSTOS_INPUT_')];

function problem(description: string): ResponseObject {
  return { description, content: { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ErrorBodyDto) } } } };
}

function declareTheEdge(operation: OperationObject, options: OpenApiDocumentOptions): void {
  const extensions = operation as OperationObject & Record<string, unknown>;
  const open = extensions[OPENAPI_PUBLIC] === true;
  const roles = extensions[OPENAPI_ROLES] as string[] | undefined;
  if (!options.keepAccessExtensions) {
    delete extensions[OPENAPI_PUBLIC];
    delete extensions[OPENAPI_ROLES];
  }
  const responses = operation.responses;
  const readsInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
  if (readsInput) {
    const given = responses['400'] as ResponseObject | undefined;
    // A 400 documented without its codes still has the input's: the pipe and the hygiene run first.
    if (!given) responses['400'] = problem(`The input was refused: ${INPUT_REFUSALS.join(', ')}`);
    else if (!given.description.includes('CUSTOS_')) given.description += ` (${INPUT_REFUSALS.join(', ')})`;
  }
  // Said explicitly both ways, so that no reader (nor a linter) has to guess a default.
  if (open) {
    operation.security = [];
    return;
  }
  operation.security ??= [{ [BEARER_SCHEME]: [] }];
  responses['401'] ??= problem(`No valid bearer token (R3.1): ${TOKEN_REFUSALS.join(', ')}`);
  if (roles) responses['403'] ??= problem(`The caller lacks the role ${roles.join(' or ')} (R3.1): ${ROLE_REFUSALS.join(', ')}`);
}
