import { Body, Controller, Get, INestApplication, NotFoundException, Post } from '@nestjs/common';
import { domainErrorOf } from '@custos/domain';
import { concurrencyConflict } from '@custos/eventstore';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import request from 'supertest';
import { JsonLogger } from '../logging/json.logger';
import { createConfiguredApp } from '../test-support/test-app';
import { DomainException } from './domain.exception';

class CameraDto {
  @IsString()
  cameraId!: string;
}

class FileRequestDto {
  @IsString()
  purpose!: string;

  @IsInt()
  @Min(1)
  hours!: number;

  @ValidateNested({ each: true })
  @Type(() => CameraDto)
  cameras!: CameraDto[];
}

@Controller('t')
class ThrowingController {
  @Get('fee')
  fee(): never {
    throw new DomainException(domainErrorOf('CUSTOS_R17_5_FEE_FORBIDDEN', { feeCents: 500 }));
  }

  @Get('immutable')
  immutable(): never {
    throw new DomainException(domainErrorOf('CUSTOS_R16_3_ORIGINAL_IMMUTABLE'));
  }

  @Get('malformed-window')
  malformedWindow(): never {
    throw new DomainException(domainErrorOf('CUSTOS_INPUT_WINDOW_EMPTY'));
  }

  @Get('not-found')
  notFound(): never {
    throw new DomainException(domainErrorOf('CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND', { evidenceItemId: 'e-1' }));
  }

  @Get('raw-domain-error')
  rawDomainError(): never {
    throw domainErrorOf('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED');
  }

  @Get('lost-race')
  lostRace(): never {
    throw concurrencyConflict('evidence-item:e-1', 4, 5);
  }

  @Get('bug')
  bug(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'secretColumn') at /srv/app/file.ts:12");
  }

  @Get('string')
  thrownString(): never {
    throw 'just a string';
  }

  @Get('framework')
  framework(): never {
    throw Object.assign(new Error('too many parameters'), { status: 413, expose: true, type: 'parameters.too.many' });
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('no such request');
  }

  @Post('requests')
  file(@Body() body: FileRequestDto): { hours: number } {
    return { hours: body.hours };
  }
}

describe('error responses', () => {
  let app: INestApplication;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logger = new JsonLogger({ service: 'test', level: 'verbose', write: (l) => lines.push(JSON.parse(l)) });
    app = await createConfiguredApp([], { controllers: [ThrowingController], logger });
  });

  afterAll(() => app.close());

  it('answers a refused rule with an RFC 9457 problem document: status, code, rule and details (R17.5)', async () => {
    const res = await request(app.getHttpServer()).get('/v1/t/fee?fee=5').set('x-correlation-id', 'c-fee');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'urn:custos:problem:CUSTOS_R17_5_FEE_FORBIDDEN',
      title: 'Forbidden',
      status: 403,
      detail: 'no fee may be charged for viewing, copying or retrieving footage',
      instance: '/v1/t/fee',
      code: 'CUSTOS_R17_5_FEE_FORBIDDEN',
      rule: 'R17.5',
      details: { feeCents: 500 },
      correlationId: 'c-fee',
    });
  });

  it('uses the status the domain suggests for the code (409 for R16.3)', async () => {
    const res = await request(app.getHttpServer()).get('/v1/t/immutable');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE', rule: 'R16.3' });
  });

  it("takes every status from the domain's catalogue, a service's own refusals included (R3.1: 404)", async () => {
    const res = await request(app.getHttpServer()).get('/v1/t/not-found');
    expect([res.status, res.body.code, res.body.rule]).toEqual([404, 'CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND', 'R3.1']);
  });

  it('answers a check of the input form with 400 and no rule: it is not R18.4', async () => {
    const res = await request(app.getHttpServer()).get('/v1/t/malformed-window');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('CUSTOS_INPUT_WINDOW_EMPTY');
    expect(res.body).not.toHaveProperty('rule');
  });

  it('answers a DomainError value thrown without the wrapper the same way (R18.1)', async () => {
    const res = await request(app.getHttpServer()).get('/v1/t/raw-domain-error');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CUSTOS_R18_1_SECOND_OFFICER_REQUIRED', rule: 'R18.1' });
  });

  it("answers the kernel's lost race with 409 and its code, not a 500", async () => {
    const res = await request(app.getHttpServer()).get('/v1/t/lost-race');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: 409, code: 'CUSTOS_ES_CONCURRENCY_CONFLICT' });
  });

  it('answers an unexpected error with 500 CUSTOS_INTERNAL_ERROR and nothing of the error', async () => {
    const res = await request(app.getHttpServer()).get('/v1/t/bug').set('x-correlation-id', 'c-bug');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      type: 'urn:custos:problem:CUSTOS_INTERNAL_ERROR',
      title: 'Internal Server Error',
      status: 500,
      detail: expect.any(String),
      instance: '/v1/t/bug',
      code: 'CUSTOS_INTERNAL_ERROR',
      correlationId: 'c-bug',
    });
    expect(res.text).not.toMatch(/secretColumn|\/srv\/app|TypeError|\bat\b.*:\d+/);
  });

  it('logs the unexpected error with its stack and the correlation id, for the operators', () => {
    const line = lines.find((l) => l.correlationId === 'c-bug' && l.level === 'error');
    expect(line).toMatchObject({ service: 'test', context: 'HttpErrors', msg: 'unexpected error' });
    expect((line?.err as { stack: string }).stack).toContain('TypeError');
  });

  it('answers a thrown non-error with 500 as well', async () => {
    const res = await request(app.getHttpServer()).get('/v1/t/string');
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('CUSTOS_INTERNAL_ERROR');
    expect(res.text).not.toContain('just a string');
  });

  it("gives Nest's own HTTP errors a stable code", async () => {
    const missing = await request(app.getHttpServer()).get('/v1/t/missing');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, code: 'CUSTOS_NOT_FOUND', detail: 'no such request' });
    const unknownRoute = await request(app.getHttpServer()).get('/nowhere');
    expect(unknownRoute.body).toMatchObject({ status: 404, code: 'CUSTOS_NOT_FOUND' });
  });

  it("answers an Express middleware's client error with its status and a code, not a 500", async () => {
    const res = await request(app.getHttpServer()).get('/v1/t/framework');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ status: 413, code: 'CUSTOS_PAYLOAD_TOO_LARGE', detail: 'too many parameters' });
  });

  it('answers malformed JSON with 400, not an HTML page with a stack', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/t/requests')
      .set('content-type', 'application/json')
      .send('{"purpose":');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, code: 'CUSTOS_INPUT_MALFORMED_JSON' });
    expect(res.text).not.toMatch(/<html|node_modules/);
  });

  it('answers a body that fails validation with CUSTOS_VALIDATION_FAILED and one entry per property', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/t/requests')
      .send({ purpose: 7, hours: 0, cameras: [{ cameraId: 'cam-1' }, { cameraId: 3 }], sneaky: true });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, code: 'CUSTOS_VALIDATION_FAILED', detail: expect.any(String) });
    const byProperty = Object.fromEntries(
      (res.body.errors as { property: string; constraints: Record<string, string> }[]).map((e) => [
        e.property,
        Object.keys(e.constraints),
      ]),
    );
    expect(byProperty).toEqual({
      purpose: ['isString'],
      hours: ['min'],
      'cameras.1.cameraId': ['isString'],
      sneaky: ['whitelistValidation'],
    });
  });

  it('converts a valid body to its DTO (transform) and lets it through', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/t/requests')
      .send({ purpose: 'case 42', hours: 2, cameras: [] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ hours: 2 });
  });
});
