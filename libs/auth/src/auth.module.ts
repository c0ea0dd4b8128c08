import { randomUUID } from 'node:crypto';
import {
  ClassProvider,
  DynamicModule,
  ExistingProvider,
  FactoryProvider,
  Module,
  ModuleMetadata,
  Provider,
  ValueProvider,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AUTH_CONFIG, AUTH_STRATEGY_NAME } from './auth.tokens';
import { AuthConfig, resolveAuthConfig } from './config/auth.config';
import { ACCESS_DENIAL_RECORDER, AccessDenialRecorder } from './denials/access-denial';
import { AccessDenialInterceptor } from './denials/access-denial.interceptor';
import { AccessDenialService } from './denials/access-denial.service';
import { LoggingAccessDenialRecorder } from './denials/logging-access-denial.recorder';
import { AuthExceptionFilter } from './filters/auth-exception.filter';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { RolesGuard } from './guards/roles.guard';
import { JwtStrategy } from './verification/jwt.strategy';
import { TokenVerifier } from './verification/token.verifier';

/** How a service binds ACCESS_DENIAL_RECORDER: any Nest provider shape but the token. */
export type AccessDenialRecorderBinding =
  | Omit<ClassProvider<AccessDenialRecorder>, 'provide'>
  | Omit<ValueProvider<AccessDenialRecorder>, 'provide'>
  | Omit<FactoryProvider<AccessDenialRecorder>, 'provide'>
  | Omit<ExistingProvider<AccessDenialRecorder>, 'provide'>;

export interface AuthModuleOptions {
  /** Where denials go; a service binds its event store. Defaults to the structured log only. */
  readonly recorder?: AccessDenialRecorderBinding;
  /** Modules the recorder (or the async config factory) depends on. */
  readonly imports?: ModuleMetadata['imports'];
}

export interface AuthModuleAsyncOptions extends AuthModuleOptions {
  readonly useFactory: FactoryProvider<AuthConfig>['useFactory'];
  readonly inject?: FactoryProvider<AuthConfig>['inject'];
}

/**
 * Authentication and authorisation for a Custos service. Importing it once in the root module
 * binds, for the whole application: JwtAuthGuard (every route needs a valid token unless
 * @Public()), RolesGuard (@Roles()), AccessDenialInterceptor (records refusals thrown in
 * handlers) and AuthExceptionFilter (coded 401/403 body; records what nothing else did).
 * Deny by default: a service cannot forget to protect a route.
 */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig, options: AuthModuleOptions = {}): DynamicModule {
    // Resolved here, not in a provider, so a weak configuration fails before the module exists.
    const resolved = resolveAuthConfig(config);
    return AuthModule.build({ provide: AUTH_CONFIG, useValue: resolved }, options);
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return AuthModule.build(
      {
        provide: AUTH_CONFIG,
        useFactory: async (...args: unknown[]) => resolveAuthConfig(await options.useFactory(...args)),
        inject: options.inject ?? [],
      },
      options,
    );
  }

  private static build(configProvider: Provider, options: AuthModuleOptions): DynamicModule {
    const recorder = options.recorder ?? { useClass: LoggingAccessDenialRecorder };
    return {
      module: AuthModule,
      imports: options.imports ?? [],
      providers: [
        configProvider,
        { provide: AUTH_STRATEGY_NAME, useFactory: () => `custos-jwt-${randomUUID()}` },
        { provide: ACCESS_DENIAL_RECORDER, ...recorder } as Provider,
        AccessDenialService,
        TokenVerifier,
        JwtStrategy,
        // Order matters: Nest runs global guards in the order they are provided, and the
        // roles guard needs the principal the JWT guard puts on the request.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessDenialInterceptor },
        { provide: APP_FILTER, useClass: AuthExceptionFilter },
      ],
      exports: [AUTH_CONFIG, ACCESS_DENIAL_RECORDER, AccessDenialService, TokenVerifier],
    };
  }
}
