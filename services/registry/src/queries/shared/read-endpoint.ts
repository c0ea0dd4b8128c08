import { applyDecorators, Get, Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';

/** A registry read: its route, what it is (the summary) and the answer it documents. */
export function ReadEndpoint(path: string, summary: string, answer: Type<unknown>): MethodDecorator {
  return applyDecorators(Get(path), ApiOperation({ summary }), ApiOkResponse({ type: answer }));
}
