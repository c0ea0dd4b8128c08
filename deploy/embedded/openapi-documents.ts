import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { openApiDocumentOf, type OpenApiDocumentOptions } from '@custos/platform';
import { embeddedConfigs } from './embedded-stack';

/**
 * Each service's OpenAPI document, as `/docs-json` serves it, without starting anything: Nest's
 * preview mode reads the modules and controllers but creates no provider, so no database,
 * broker or port is needed (the Redocly lint, the contract test and the authorisation matrix use it).
 */
export async function openApiDocuments(
  env: NodeJS.ProcessEnv = process.env,
  options: OpenApiDocumentOptions = {},
): Promise<Record<string, OpenAPIObject>> {
  const documents: Record<string, OpenAPIObject> = {};
  for (const { service, config } of embeddedConfigs(env, 'error')) {
    const app = await NestFactory.create(service.rootModule(config), { preview: true, logger: false, abortOnError: false });
    documents[service.name] = openApiDocumentOf(app, service.name, undefined, options);
    await app.close();
  }
  return documents;
}
