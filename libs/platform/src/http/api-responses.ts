import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';

/**
 * Documents an operation that answers bytes rather than JSON (a video, a tar package, a tile,
 * a page): each media type with a binary schema, so that the document says what comes back.
 */
export function ApiBinaryOk(description: string, ...mediaTypes: [string, ...string[]]): MethodDecorator {
  const schema = { type: 'string', format: 'binary' } as const;
  return applyDecorators(
    ApiProduces(...mediaTypes),
    ApiOkResponse({ description, content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])) }),
  );
}
