import { Body, Controller, INestApplication, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { IsOptional, IsString } from 'class-validator';
import request from 'supertest';
import { getJson } from '../../service-clients/http-json';
import { createConfiguredApp } from '../../test-support/test-app';
import { AcceptsRawBody } from './json-content-type.interceptor';
import { IsOffsetDateTime } from './offset-date-time.decorator';
import { findTextProblem, jsonDepthExceeds } from './text-hygiene';

class NoteDto {
  @IsString()
  text!: string;

  @IsOptional()
  @IsOffsetDateTime()
  at?: string;
}

@Controller('t')
class EchoController {
  @Post('notes')
  note(@Body() body: NoteDto): NoteDto {
    return body;
  }

  @Post('notes/:id')
  noteOf(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Post('bytes')
  @AcceptsRawBody()
  bytes(@Req() req: Request): Promise<{ length: number }> {
    return new Promise((resolve) => {
      let length = 0;
      req.on('data', (c: Buffer) => (length += c.length));
      req.on('end', () => resolve({ length }));
    });
  }
}

describe('input hygiene at the HTTP edge (issue 14)', () => {
  let app: INestApplication;
  const post = (path: string) => request(app.getHttpServer()).post(path);

  beforeAll(async () => {
    app = await createConfiguredApp([], { controllers: [EchoController] });
  });

  afterAll(() => app.close());

  const refuses = async (res: request.Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.text).not.toMatch(/<html|node_modules|at .*:\d+/);
  };

  it('accepts clean text, newlines and tabs included', async () => {
    const res = await post('/v1/t/notes').send({ text: 'line one\n\tline two — 西安', at: '2026-01-01T08:00:00+08:00' });
    expect(res.status).toBe(201);
  });

  it('refuses a body over the size limit with 413 and a code, not a 500', async () =>
    refuses(await post('/v1/t/notes').send({ text: 'x'.repeat(200_000) }), 413, 'CUSTOS_INPUT_BODY_TOO_LARGE'));

  it('refuses a body nested 10 000 deep with 400, before any validation recurses into it', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    await refuses(await post('/v1/t/notes').set('content-type', 'application/json').send(`{"text":${deep}}`), 400, 'CUSTOS_INPUT_TOO_DEEP');
  });

  it('refuses a charset other than UTF-8 with 415', async () => {
    for (const charset of ['latin1', 'utf-16', 'klingon'])
      await refuses(
        await post('/v1/t/notes').set('content-type', `application/json; charset=${charset}`).send('{"text":"a"}'),
        415,
        'CUSTOS_INPUT_UNSUPPORTED_CHARSET',
      );
  });

  it('refuses invalid UTF-8 instead of replacing it', async () => {
    const bytes = Buffer.concat([Buffer.from('{"text":"a'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const res = await post('/v1/t/notes').set('content-type', 'application/json').serialize((b: Buffer) => b as unknown as string).send(bytes);
    await refuses(res, 400, 'CUSTOS_INPUT_INVALID_UTF8');
  });

  it('refuses malformed JSON with its own code', async () =>
    refuses(await post('/v1/t/notes').set('content-type', 'application/json').send('{"text":'), 400, 'CUSTOS_INPUT_MALFORMED_JSON'));

  it.each([
    ['NUL', 'a\u0000b', 'CUSTOS_INPUT_CONTROL_CHARACTER'],
    ['escape', '\u001b[31mred', 'CUSTOS_INPUT_CONTROL_CHARACTER'],
    ['DEL', 'a\u007f', 'CUSTOS_INPUT_CONTROL_CHARACTER'],
    ['C1 control', 'a\u0085', 'CUSTOS_INPUT_CONTROL_CHARACTER'],
    ['right-to-left override', 'case-\u202e1202', 'CUSTOS_INPUT_BIDI_CONTROL'],
    ['first strong isolate', '\u2068x\u2069', 'CUSTOS_INPUT_BIDI_CONTROL'],
  ])('refuses a text field with a %s', async (_label, text, code) => {
    await refuses(await post('/v1/t/notes').send({ text }), 400, code);
    await refuses(await post('/v1/t/notes').send({ text: 'ok', nested: { deeper: [text] } }), 400, code);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key rather than stripping it', async (key) => {
    const res = await post('/v1/t/notes').set('content-type', 'application/json').send(`{"text":"a","${key}":{"isAdmin":true}}`);
    await refuses(res, 400, 'CUSTOS_INPUT_FORBIDDEN_KEY');
    expect(res.body.details).toEqual({ property: key });
  });

  it('refuses %00 and bidi characters in a path or a query', async () => {
    await refuses(await post('/v1/t/notes/a%00b').send({}), 400, 'CUSTOS_INPUT_CONTROL_CHARACTER');
    await refuses(await post('/v1/t/notes/a%E2%80%AEb').send({}), 400, 'CUSTOS_INPUT_BIDI_CONTROL');
    await refuses(await post('/v1/t/notes/x?q=%00').send({}), 400, 'CUSTOS_INPUT_CONTROL_CHARACTER');
    await refuses(await post('/v1/t/notes/%E0%A4%A').send({}), 400, 'CUSTOS_INPUT_MALFORMED_URL');
  });

  it.each([
    ['text/plain', '{"text":"a"}'],
    ['application/x-www-form-urlencoded', 'text=a'],
    ['application/octet-stream', 'text=a'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\n--x--'],
  ])('refuses a %s body on a JSON route with 415', async (type, body) =>
    refuses(await post('/v1/t/notes').set('content-type', type).send(body), 415, 'CUSTOS_INPUT_UNSUPPORTED_MEDIA_TYPE'));

  it('lets a route that reads raw bytes read them', async () => {
    const res = await post('/v1/t/bytes').set('content-type', 'application/octet-stream').send(Buffer.alloc(1000, 1));
    expect(res.body).toEqual({ length: 1000 });
  });

  it.each(['2026-01-01T08:00:00', '2026-01-01', '2026-01-01 08:00:00Z', '2026-01-01T08:00'])(
    'refuses the date-time %s, which names no offset',
    async (at) => {
      const res = await post('/v1/t/notes').send({ text: 'a', at });
      await refuses(res, 400, 'CUSTOS_VALIDATION_FAILED');
      expect(res.body.errors[0].property).toBe('at');
    },
  );

  it('answers a 64 KiB bearer token with a coded 431, not a bare one', async () => {
    const res = await request(app.getHttpServer()).get('/v1/t/notes').set('authorization', `Bearer ${'a'.repeat(64 * 1024)}`);
    await refuses(res, 431, 'CUSTOS_INPUT_HEADERS_TOO_LARGE');
  });
});

describe('text hygiene, pure', () => {
  it('finds the first problem with its path, iteratively (no stack overflow)', () => {
    expect(findTextProblem({ a: [{ b: 'x\u0000' }] })).toEqual({ code: 'CUSTOS_INPUT_CONTROL_CHARACTER', path: 'a.0.b' });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findTextProblem(deep)?.code).toBe('CUSTOS_INPUT_TOO_DEEP');
    expect(findTextProblem({ 'k\u202e': 1 })?.code).toBe('CUSTOS_INPUT_BIDI_CONTROL');
  });

  it('counts depth on bytes, ignoring brackets inside strings', () => {
    expect(jsonDepthExceeds(Buffer.from(`{"a":"${'['.repeat(100)}"}`), 3)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('[[[[]]]]'), 3)).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a\\"[[[[":1}'), 1)).toBe(false);
  });
});

describe("a neighbour's failure is a coded 502/503, never a 500 (issue 14)", () => {
  const options = (answer: () => Promise<Response>) => ({
    baseUrl: 'http://registry.test',
    serviceToken: async () => 't',
    fetch: (async () => answer()) as unknown as typeof fetch,
  });

  it.each([
    [500, 502, 'CUSTOS_DOWNSTREAM_FAILED'],
    [403, 502, 'CUSTOS_DOWNSTREAM_FAILED'],
    [503, 503, 'CUSTOS_DOWNSTREAM_UNAVAILABLE'],
  ])('an answer %i becomes %i %s', async (answered, status, code) => {
    const failure = getJson(options(async () => new Response('boom', { status: answered })), 'registry', '/v1/cameras/c');
    await expect(failure).rejects.toMatchObject({ status, response: { code, details: { service: 'registry', status: answered } } });
  });

  it('an unreachable service becomes 503', async () => {
    const failure = getJson(options(() => Promise.reject(new TypeError('fetch failed'))), 'registry', '/v1/cameras/c');
    await expect(failure).rejects.toMatchObject({ status: 503, response: { code: 'CUSTOS_DOWNSTREAM_UNAVAILABLE' } });
  });
});
