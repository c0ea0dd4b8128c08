import { Controller, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe, RequestValidationException } from '../errors/request-validation.exception';
import { PathParams } from './path-params';

class OrderPath extends PathParams('findingId', 'orderId') {}

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
});
