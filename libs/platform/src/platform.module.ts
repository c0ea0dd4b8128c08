import { DynamicModule, Module } from '@nestjs/common';
import { CommonConfig } from './config/common.config';
import { MetricsModule } from './metrics/metrics.module';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface PlatformModuleOptions<C extends CommonConfig> {
  /** `registry`, `requests`, ...: names the service in logs, metrics and the OpenAPI title. */
  readonly service: string;
  /** The service's loaded config; injectable by its own class and as `CommonConfig`. */
  readonly config: C;
}

/**
 * What every service's root module imports first: its config as providers and the metrics
 * registry with `GET /metrics`. Global, so feature modules inject the config directly.
 */
@Module({})
export class PlatformModule {
  static forRoot<C extends CommonConfig>({ service, config }: PlatformModuleOptions<C>): DynamicModule {
    const configProviders =
      config.constructor === CommonConfig
        ? [{ provide: CommonConfig, useValue: config }]
        : [
            { provide: config.constructor, useValue: config },
            { provide: CommonConfig, useValue: config },
          ];
    return {
      module: PlatformModule,
      global: true,
      imports: [MetricsModule.forRoot({ service })],
      providers: [{ provide: SERVICE_NAME, useValue: service }, ...configProviders],
      exports: [SERVICE_NAME, MetricsModule, ...configProviders.map((p) => p.provide)],
    };
  }
}
