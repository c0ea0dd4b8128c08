export * from './principal/role';
export * from './principal/principal';
export * from './principal/principal.claims';

export * from './config/auth.config';
export * from './errors/auth-error.catalogue';
export * from './errors/auth.errors';

export * from './denials/access-denial';
export * from './denials/access-denial.factory';
export * from './denials/access-denial.service';
export * from './denials/access-denial.interceptor';
export * from './denials/in-memory-access-denial.recorder';
export * from './denials/logging-access-denial.recorder';
export * from './denials/record-safely';

export * from './verification/token.verifier';
export * from './verification/jwt.strategy';
export * from './verification/bearer-jwt.passport-strategy';

export * from './decorators/public.decorator';
export * from './decorators/roles.decorator';
export * from './decorators/service-scopes.decorator';
export * from './decorators/accepts-form-body.decorator';
export * from './decorators/current-principal.decorator';
export * from './guards/jwt-auth.guard';
export * from './guards/roles.guard';
export * from './access/organisation-scope.assert';
export * from './filters/auth-exception.filter';

export * from './auth.tokens';
export * from './auth.module';

export * from './dev-issuer/dev-issuer.config';
export * from './dev-issuer/dev-signing-key';
export * from './dev-issuer/dev-issuer.tokens';
export * from './dev-issuer/dev-token.issuer';
export * from './dev-issuer/dev-issuer.controller';
export * from './dev-issuer/dev-issuer.module';

export * from './testing/test-issuer';
export * from './testing/principal.fixture';
export * from './dev-issuer/dev-user.directory';
