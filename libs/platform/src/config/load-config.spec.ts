import { IsInt, Min } from 'class-validator';
import { CommonConfig, kafkaBrokersOf } from './common.config';
import { ConfigValidationError } from './config-validation.error';
import { embeddedDatabaseUrl } from './embedded-database-url';
import { loadConfig } from './load-config';
import { Setting } from './setting.decorator';

class ExampleConfig extends CommonConfig {
  override PORT = 3999;
  override DATABASE_URL = embeddedDatabaseUrl('example');

  @Setting({ description: 'a number of its own' })
  @IsInt()
  @Min(5)
  BATCH_SIZE: number = 10;
}

function problemsOf(env: NodeJS.ProcessEnv): ConfigValidationError {
  try {
    loadConfig(ExampleConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('gives every setting its default when the environment is empty, the embedded mode off: only the npm start launcher turns it on (issue 16)', () => {
    const config = loadConfig(ExampleConfig, {});
    expect(config).toBeInstanceOf(ExampleConfig);
    expect(config).toMatchObject({
      PORT: 3999,
      LOG_LEVEL: 'info',
      DATABASE_URL: 'postgres://postgres:custos@127.0.0.1:5433/custos_example',
      EVENT_BUS: 'embedded',
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_TOPIC_PREFIX: '',
      EMBEDDED_MODE: false,
      SHUTDOWN_TIMEOUT_MS: 10000,
      BATCH_SIZE: 10,
    });
  });

  it('converts numbers and booleans from their environment strings', () => {
    const config = loadConfig(ExampleConfig, {
      PORT: '8080',
      EMBEDDED_MODE: 'true',
      SHUTDOWN_TIMEOUT_MS: ' 2500 ',
      BATCH_SIZE: '50',
      EVENT_BUS: 'kafka',
      KAFKA_BROKERS: 'kafka-0:9092, kafka-1:9092',
    });
    expect(config.PORT).toBe(8080);
    expect(config.EMBEDDED_MODE).toBe(true);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(2500);
    expect(config.BATCH_SIZE).toBe(50);
    expect(config.EVENT_BUS).toBe('kafka');
    expect(kafkaBrokersOf(config)).toEqual(['kafka-0:9092', 'kafka-1:9092']);
  });

  it.each([
    ['1', true],
    ['yes', true],
    ['TRUE', true],
    ['0', false],
    ['no', false],
    ['off', false],
  ])('reads EMBEDDED_MODE=%s as %s', (given, expected) => {
    expect(loadConfig(ExampleConfig, { EMBEDDED_MODE: given }).EMBEDDED_MODE).toBe(expected);
  });

  it('reads only the variables the class declares', () => {
    const config = loadConfig(ExampleConfig, { PATH: '/usr/bin', HOME: '/root' }) as unknown as Record<string, unknown>;
    expect(config.PATH).toBeUndefined();
    expect(config.HOME).toBeUndefined();
  });

  it('refuses a start with every bad variable named in one message', () => {
    const error = problemsOf({
      PORT: 'eighty',
      EVENT_BUS: 'rabbitmq',
      EMBEDDED_MODE: 'maybe',
      BATCH_SIZE: '2',
      LOG_LEVEL: 'loud',
    });
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'BATCH_SIZE',
      'EMBEDDED_MODE',
      'EVENT_BUS',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(error.message).toContain('ExampleConfig');
    expect(error.message).toMatch(/PORT="eighty": .*integer/);
    expect(error.message).toMatch(/EVENT_BUS="rabbitmq": .*embedded, kafka/);
    expect(error.message).toMatch(/EMBEDDED_MODE="maybe": .*boolean/);
    expect(error.message).toMatch(/BATCH_SIZE="2": .*not be less than 5/);
  });

  it('refuses an empty number rather than reading it as 0', () => {
    expect(problemsOf({ PORT: '' }).problems).toEqual([expect.objectContaining({ variable: 'PORT', given: '""' })]);
  });

  it('refuses an out-of-range port and a malformed broker list', () => {
    const error = problemsOf({ PORT: '70000', KAFKA_BROKERS: 'kafka-0' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['KAFKA_BROKERS', 'PORT']);
  });

  it('never echoes the value of a secret setting', () => {
    const error = problemsOf({ DATABASE_URL: 'mysql://admin:hunter2@db/custos' });
    expect(error.problems).toEqual([expect.objectContaining({ variable: 'DATABASE_URL', given: '(hidden)' })]);
    expect(error.message).not.toContain('hunter2');
  });

  it('returns a frozen config, so no code changes a setting at run time', () => {
    const config = loadConfig(ExampleConfig, {});
    expect(Object.isFrozen(config)).toBe(true);
  });
});
