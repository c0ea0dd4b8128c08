import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DevIssuerConfig, resolveDevIssuerConfig } from './dev-issuer.config';
import { DevIssuerController } from './dev-issuer.controller';
import { DEV_ISSUER_CONFIG, DEV_SIGNING_KEY } from './dev-issuer.tokens';
import { generateDevSigningKey } from './dev-signing-key';
import { DevTokenIssuer } from './dev-token.issuer';
import { DEV_USER_DIRECTORY, DevUserDirectory } from './dev-user.directory';

/**
 * The embedded mode's OIDC stand-in: discovery, JWKS and a username-only token endpoint.
 * `forRoot` throws unless `enabled: true`, so a cluster deployment that imports it by mistake
 * fails at start instead of serving a password-less token endpoint.
 */
@Module({})
export class DevIssuerModule {
  /** `directory`: where people beyond the seeded users are found (the registry, in Custos). */
  static forRoot(config: DevIssuerConfig, directory?: DevUserDirectory): DynamicModule {
    const resolved = resolveDevIssuerConfig(config);
    return {
      module: DevIssuerModule,
      controllers: [DevIssuerController],
      providers: [
        { provide: DEV_ISSUER_CONFIG, useValue: resolved },
        { provide: DEV_SIGNING_KEY, useFactory: () => generateDevSigningKey(resolved.algorithm) },
        DevTokenIssuer,
        ...(directory ? [{ provide: DEV_USER_DIRECTORY, useValue: directory } satisfies Provider] : []),
      ],
      exports: [DevTokenIssuer],
    };
  }
}
