import type { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication, LoggerService, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule, type Principal, type TestIssuer } from '@custos/auth';
import { configureApp } from '@custos/platform';
import request from 'supertest';

const silent: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

type TestAppModule = DynamicModule | Type<unknown>;

export interface TestApp {
  readonly app: INestApplication;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
}

export interface StartTestAppOptions {
  /** Names the service in logs, metrics and the OpenAPI title (`configureApp`'s `service`). */
  readonly service: string;
  /** The port to listen on (default: one the system picks). */
  readonly port?: number;
  /** Serve the OpenAPI document, as a service started for real does (default: false). */
  readonly swagger?: boolean;
}

/**
 * A service's root module (or its feature module with the test issuer's AuthModule) compiled, configured as `bootstrapService` configures a service (`configureApp`, quiet logs)
 * and listening on 127.0.0.1. The caller closes `app`; a start that fails closes it itself.
 */
export async function startTestApp(imports: TestAppModule | TestAppModule[], options: StartTestAppOptions): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({ imports: Array.isArray(imports) ? imports : [imports] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  try {
    configureApp(app, { service: options.service, logger: silent, swagger: options.swagger ?? false });
    await app.listen(options.port ?? 0, '127.0.0.1');
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, port };
}

/**
 * A service's feature module behind the test issuer's guards (refused accesses not recorded),
 * configured as `bootstrapService` configures a service, initialised but not listening. The
 * caller closes it.
 */
export async function initFeatureTestApp(
  service: string,
  issuer: Pick<TestIssuer, 'authConfig'>,
  imports: TestAppModule[],
): Promise<INestApplication> {
  const auth = AuthModule.forRoot(issuer.authConfig(), { recorder: { useValue: { record: async () => undefined } } });
  const moduleRef = await Test.createTestingModule({ imports: [auth, ...imports] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app, { service, logger: silent, swagger: false });
  await app.init();
  return app;
}

/** Requests to a test app as one principal: each carries its bearer token. */
export interface RequestsAs {
  get(path: string): request.Test;
  post(path: string, body?: object, headers?: Record<string, string>): request.Test;
}

/** Requests to `app` as `principal`, with a token the test issuer signs for it. */
export async function requestsAs(app: INestApplication, issuer: Pick<TestIssuer, 'tokenFor'>, principal: Principal): Promise<RequestsAs> {
  const authorization = `Bearer ${await issuer.tokenFor(principal)}`;
  const server = app.getHttpServer();
  return {
    get: (path) => request(server).get(path).set('authorization', authorization),
    post: (path, body = {}, headers = {}) => request(server).post(path).set({ authorization, ...headers }).send(body),
  };
}

/** An access token of a demo user from a development issuer (the registry in the embedded mode). */
export async function devToken(issuerUrl: string, username: string): Promise<string> {
  const response = await fetch(`${issuerUrl}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(`the development issuer answered ${response.status} for ${username}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * A supertest parser that keeps a response's bytes as they came (`.buffer(true).parse(binaryBody)`),
 * for footage and packages, which no text parser may touch.
 */
export function binaryBody(res: EventEmitter, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
