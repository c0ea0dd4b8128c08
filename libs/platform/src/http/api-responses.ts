import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';

/**
 * Documents an operation that answers bytes rather than JSON (a video, a tar package, a tile,
 * a page): each media type with a binary schema, so that the document says what comes back.
 * A range answers 206: `ApiBinary(206, …)`.
 */
export function ApiBinary(status: number, description: string, ...mediaTypes: [string, ...string[]]): MethodDecorator {
  const schema = { type: 'string', format: 'binary' } as const;
  return applyDecorators(
    ApiProduces(...mediaTypes),
    ApiResponse({ status, description, content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])) }),
  );
}

export const ApiBinaryOk = (description: string, ...mediaTypes: [string, ...string[]]): MethodDecorator =>
  ApiBinary(200, description, ...mediaTypes);

/** A property of a small JSON answer: its type, a format (`uuid`, `date-time`) or `?` for optional. */
export type AnswerField = 'string' | 'uuid' | 'date-time' | 'date' | 'integer' | 'number' | 'boolean' | `${'string' | 'uuid' | 'date-time' | 'date' | 'integer' | 'number' | 'boolean'}?` | readonly string[];

/**
 * Documents the small JSON object a command answers with (`{ id }`, a receipt) without a DTO
 * class: `@ApiAnswer(201, { id: 'uuid' })`. An array of strings is an enum; `?` marks optional.
 */
export function ApiAnswer(status: number, fields: Record<string, AnswerField>, description = 'Done'): MethodDecorator {
  const properties: Record<string, object> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    if (Array.isArray(field)) {
      properties[name] = { type: 'string', enum: field };
      required.push(name);
      continue;
    }
    const optional = (field as string).endsWith('?');
    const kind = (field as string).replace(/\?$/, '');
    properties[name] = ['uuid', 'date-time', 'date'].includes(kind) ? { type: 'string', format: kind } : { type: kind };
    if (!optional) required.push(name);
  }
  return ApiResponse({ status, description, schema: { type: 'object', properties, required } });
}
