import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document at `/docs` (UI) and `/docs-json`, with bearer tokens as the scheme. */
export function setupSwagger(app: INestApplication, service: string, apiVersion = '1'): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Custos ${service}`)
      .setDescription(
        `The ${service} service of Custos, evidence access and chain of custody for public-security footage.`,
      )
      .setVersion(apiVersion)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
