import { Provider } from '@nestjs/common';
import { CommonConfig } from '../config/common.config';

/** The token settings every service verifies with (`AuthModule.forRoot`'s config). */
export function authConfigOf(config: CommonConfig): { issuer: string; audience: string; jwksUrl: string } {
  return { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, jwksUrl: config.AUTH_JWKS_URL };
}

/** Ends a resource the root module created (a pg Pool) when the application shuts down. */
export function closeOnShutdown(resource: { end(): Promise<void> }): Provider {
  return {
    provide: Symbol('closeOnShutdown'),
    useFactory: () => ({ onApplicationShutdown: () => resource.end() }),
  };
}
