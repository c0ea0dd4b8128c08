import {
  ArgumentsHost,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  HttpException,
  INestApplication,
  Injectable,
  Logger,
  Module,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthModule } from './auth.module';
import { CurrentPrincipal } from './decorators/current-principal.decorator';
import { ACCESS_DENIAL_RECORDER, AccessDenial, AccessDenialRecorder } from './denials/access-denial';
import { InMemoryAccessDenialRecorder } from './denials/in-memory-access-denial.recorder';
import { recordSafely } from './denials/record-safely';
import type { Principal } from './principal/principal';
import { aPrincipal } from './testing/principal.fixture';
import { AuditProbeController, ProbeController, startProbeApp } from './testing/probe.app';
import { startTestIssuer, TestIssuer } from './testing/test-issuer';

/** Like the platform's last-word filter: catches everything, records nothing. */
@Catch()
class CatchAllFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const body = exception instanceof HttpException ? exception.getResponse() : { code: 'INTERNAL' };
    host.switchToHttp().getResponse().status(status).json(body);
  }
}

@Controller()
class WhoAmIController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

describe('AuthModule wiring', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(() => issuer.close());

  it('refuses to build with a configuration that allows HS256', () => {
    expect(() => AuthModule.forRoot(issuer.authConfig({ algorithms: ['HS256'] }))).toThrow(
      /CUSTOS_AUTH_CONFIG_INVALID/,
    );
  });

  it('keeps two services in one process apart: each accepts only tokens for its own audience', async () => {
    const requests = await startProbeApp(issuer.authConfig({ audience: 'custos-requests' }));
    const custody = await startProbeApp(issuer.authConfig({ audience: 'custos-custody' }));
    try {
      const forRequests = await issuer.tokenFor(aPrincipal(), { aud: 'custos-requests' });
      await request(requests.app.getHttpServer()).get('/me').set('Authorization', `Bearer ${forRequests}`).expect(200);
      const crossed = await request(custody.app.getHttpServer())
        .get('/me')
        .set('Authorization', `Bearer ${forRequests}`);
      expect(crossed.body.code).toBe('CUSTOS_AUTH_WRONG_AUDIENCE');
    } finally {
      await requests.app.close();
      await custody.app.close();
    }
  });

  it('builds from an async config factory and a recorder class from an imported module', async () => {
    @Injectable()
    class LedgerRecorder extends InMemoryAccessDenialRecorder {}
    @Module({ providers: [LedgerRecorder], exports: [LedgerRecorder] })
    class LedgerModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRootAsync({
          imports: [LedgerModule],
          useFactory: async () => issuer.authConfig(),
          recorder: { useExisting: LedgerRecorder },
        }),
      ],
      controllers: [WhoAmIController],
    }).compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      await request(app.getHttpServer()).get('/me').expect(401);
      const recorder = app.get<AccessDenialRecorder>(ACCESS_DENIAL_RECORDER, { strict: false });
      expect(recorder).toBeInstanceOf(LedgerRecorder);
      expect((recorder as LedgerRecorder).denials.map((denial) => denial.code)).toEqual(['CUSTOS_AUTH_TOKEN_MISSING']);
    } finally {
      await app.close();
    }
  });

  it("records each denial exactly once even when a service's catch-all filter shadows AuthExceptionFilter", async () => {
    const recorder = new InMemoryAccessDenialRecorder();
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(issuer.authConfig(), { recorder: { useValue: recorder } })],
      controllers: [ProbeController, AuditProbeController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new CatchAllFilter());
    await app.init();
    try {
      const token = await issuer.tokenFor(aPrincipal({ roles: ['OFFICER'], divisionCode: '610116' }));
      const server = app.getHttpServer();
      const missing = await request(server).get('/me');
      const role = await request(server).get('/approvals').set('Authorization', `Bearer ${token}`);
      const outside = await request(server).get('/divisions/610113').set('Authorization', `Bearer ${token}`);
      expect([missing.body.code, role.body.code, outside.body.code]).toEqual([
        'CUSTOS_AUTH_TOKEN_MISSING',
        'CUSTOS_AUTH_ROLE_REQUIRED',
        'CUSTOS_AUTH_OUTSIDE_JURISDICTION',
      ]);
      expect(recorder.denials.map((denial) => denial.code)).toEqual([
        'CUSTOS_AUTH_TOKEN_MISSING',
        'CUSTOS_AUTH_ROLE_REQUIRED',
        'CUSTOS_AUTH_OUTSIDE_JURISDICTION',
      ]);
    } finally {
      await app.close();
    }
  });

  it('takes the correlation id the platform middleware put on the response when the caller sent none', async () => {
    const recorder = new InMemoryAccessDenialRecorder();
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(issuer.authConfig(), { recorder: { useValue: recorder } })],
      controllers: [WhoAmIController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
      res.setHeader('x-correlation-id', 'made-by-middleware');
      next();
    });
    await app.init();
    try {
      await request(app.getHttpServer()).get('/me').expect(401);
      expect(recorder.last()?.correlationId).toBe('made-by-middleware');
    } finally {
      await app.close();
    }
  });

  it('still answers the coded refusal when the recorder throws', async () => {
    const failing: AccessDenialRecorder = { record: () => Promise.reject(new Error('event store down')) };
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(issuer.authConfig(), { recorder: { useValue: failing } })],
      controllers: [WhoAmIController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const response = await request(app.getHttpServer()).get('/me');
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        statusCode: 401,
        code: 'CUSTOS_AUTH_TOKEN_MISSING',
        message: 'a bearer token is required',
      });
    } finally {
      await app.close();
    }
  });
});

describe('recordSafely', () => {
  const denial = { code: 'CUSTOS_AUTH_TOKEN_MISSING', path: '/x' } as AccessDenial;
  const logger = { error: jest.fn(), log: jest.fn(), warn: jest.fn() };
  beforeEach(() => logger.error.mockClear());

  it('logs and returns when the recorder throws synchronously', async () => {
    const throwing: AccessDenialRecorder = {
      record: () => {
        throw new Error('boom');
      },
    };
    await expect(recordSafely(throwing, denial, logger)).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('"event":"auth.denialNotRecorded"'));
  });

  it('gives up on a recorder that hangs, so the refusal is not held back', async () => {
    const hanging: AccessDenialRecorder = { record: () => new Promise<void>(() => undefined) };
    await expect(recordSafely(hanging, denial, logger, 20)).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('within 20 ms'));
  });

  it('logs nothing when the record is written', async () => {
    await recordSafely(new InMemoryAccessDenialRecorder(), denial, new Logger('test'));
    expect(logger.error).not.toHaveBeenCalled();
  });
});
