import { Controller, Module, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe, RequestValidationException } from '../errors/request-validation.exception';
import { PathParams, UuidPathParams } from './path-params';

class OrderPath extends PathParams('findingId', 'orderId') {}
class RequestPath extends UuidPathParams('requestId') {}

@Controller('findings/:findingId/orders/:orderId/follow-up')
class FollowUpController {
  @Post()
  followUp(@Param() path: OrderPath): string {
    return path.orderId;
  }
}

@Module({ controllers: [FollowUpController] })
class PathModule {}

const pipe = createValidationPipe();
const asPath = (value: object) => pipe.transform(value, { type: 'param', metatype: OrderPath });

describe("a route's path ids as one class (issue 15)", () => {
  it('passes each id through as the route gave it: an id naming nothing is the handler’s to refuse, not a 400', async () => {
    const path = (await asPath({ findingId: 'not-a-uuid', orderId: ' ' })) as OrderPath;
    expect(path).toBeInstanceOf(OrderPath);
    expect({ ...path }).toEqual({ findingId: 'not-a-uuid', orderId: ' ' });
  });

  it('refuses, as any DTO does, a value the route could not have given (CUSTOS_VALIDATION_FAILED)', async () => {
    await expect(asPath({ findingId: 'f-1', orderId: 'o-1', extra: 'x' })).rejects.toBeInstanceOf(RequestValidationException);
  });

  it('documents each id as a required string path parameter, as @Param(name) does', async () => {
    const app = await NestFactory.create(PathModule, { preview: true, logger: false, abortOnError: false });
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
    expect(document.paths['/findings/{findingId}/orders/{orderId}/follow-up'].post!.parameters).toEqual([
      { name: 'findingId', required: true, in: 'path', schema: { type: 'string' } },
      { name: 'orderId', required: true, in: 'path', schema: { type: 'string' } },
    ]);
  });

  it('refuses an id that is not a UUID v4 with the very 400 UuidParam gives (ParseUUIDPipe’s), and keeps one that is', async () => {
    const id = '0b7c2a3e-5d1f-4c8e-9a6b-3f2e1d0c9b8a';
    await expect(pipe.transform({ requestId: id }, { type: 'param', metatype: RequestPath })).resolves.toEqual({ requestId: id });
    const refusal = (work: () => Promise<unknown>) => work().then(() => undefined, (error: { getResponse(): unknown; getStatus(): number }) => [error.getStatus(), error.getResponse()]);
    const asUuidParam = await refusal(() => new ParseUUIDPipe({ version: '4' }).transform('req-1', { type: 'param', data: 'requestId' }));
    expect(asUuidParam?.[0]).toBe(400);
    expect(await refusal(async () => pipe.transform({ requestId: 'req-1' }, { type: 'param', metatype: RequestPath }))).toEqual(asUuidParam);
  });
});
