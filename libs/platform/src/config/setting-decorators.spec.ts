import { CommonConfig } from './common.config';
import { ConfigValidationError } from './config-validation.error';
import { embeddedDatabaseUrl } from './embedded-database-url';
import { EMBEDDED_SERVICE_PORTS, embeddedServiceUrl } from './embedded-services';
import { loadConfig } from './load-config';
import { IntSetting, ServiceUrlSetting } from './setting-decorators';
import { settingsOf } from './setting.decorator';

class CallerConfig extends CommonConfig {
  override PORT: number = EMBEDDED_SERVICE_PORTS.custody;
  override DATABASE_URL = embeddedDatabaseUrl('caller');

  @ServiceUrlSetting('registry', 'officers and organisations')
  REGISTRY_URL: string = embeddedServiceUrl('registry');

  @IntSetting('Minutes a link stays valid', { min: 1, max: 10 })
  LINK_MINUTES: number = 5;

  @IntSetting('How often the sweep runs (ms; 0 turns it off)', { min: 0 })
  SWEEP_MS: number = 1000;
}

function refusedVariables(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(CallerConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('the shared setting decorators', () => {
  it("defaults a called service's URL to where it answers in the embedded mode, and describes it by what is read there", () => {
    const config = loadConfig(CallerConfig, {});
    expect(config.REGISTRY_URL).toBe('http://127.0.0.1:3001');
    expect(config.PORT).toBe(3004);
    expect(settingsOf(CallerConfig).find((s) => s.name === 'REGISTRY_URL')).toMatchObject({
      kind: 'string',
      description: "Base URL of the registry service's API (officers and organisations)",
    });
  });

  it('accepts a cluster-internal http URL and refuses what is not an http(s) URL', () => {
    expect(loadConfig(CallerConfig, { REGISTRY_URL: 'http://registry:3001' }).REGISTRY_URL).toBe('http://registry:3001');
    expect(refusedVariables({ REGISTRY_URL: 'registry:3001' })).toEqual(['REGISTRY_URL']);
    expect(refusedVariables({ REGISTRY_URL: 'ftp://registry' })).toEqual(['REGISTRY_URL']);
  });

  it('reads a whole number from the environment within its bounds, and refuses fractions and values outside them', () => {
    expect(loadConfig(CallerConfig, { LINK_MINUTES: '10', SWEEP_MS: '0' })).toMatchObject({ LINK_MINUTES: 10, SWEEP_MS: 0 });
    expect(refusedVariables({ LINK_MINUTES: '0' })).toEqual(['LINK_MINUTES']);
    expect(refusedVariables({ LINK_MINUTES: '11' })).toEqual(['LINK_MINUTES']);
    expect(refusedVariables({ LINK_MINUTES: '2.5' })).toEqual(['LINK_MINUTES']);
    expect(refusedVariables({ SWEEP_MS: '-1' })).toEqual(['SWEEP_MS']);
  });
});
