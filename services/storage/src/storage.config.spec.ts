import { ConfigValidationError, loadConfig } from '@custos/platform';
import { StorageConfig } from './storage.config';

describe('StorageConfig', () => {
  it('keeps footage on local disk by default, needing no S3 credentials', () => {
    const config = loadConfig(StorageConfig, { EMBEDDED_MODE: 'true' });
    expect(config).toMatchObject({ PORT: 3005, STORAGE_DRIVER: 'local', RETENTION_DAYS: 30 });
    expect(config.DATABASE_URL).toMatch(/\/custos_storage$/);
  });

  it('requires the S3 credentials when footage lives in S3', () => {
    expect(() => loadConfig(StorageConfig, { EMBEDDED_MODE: 'true', STORAGE_DRIVER: 's3' })).toThrow(
      /S3_ACCESS_KEY.*\n.*S3_SECRET_KEY|S3_SECRET_KEY.*\n.*S3_ACCESS_KEY/,
    );
    const config = loadConfig(StorageConfig, {
      EMBEDDED_MODE: 'true',
      STORAGE_DRIVER: 's3',
      S3_ACCESS_KEY: 'ak',
      S3_SECRET_KEY: 'sk',
      S3_ENDPOINT: 'http://minio:9000',
    });
    expect(config.S3_ENDPOINT).toBe('http://minio:9000');
  });

  it('refuses a retention shorter than 30 days (R16.7)', () => {
    let error: unknown;
    try {
      loadConfig(StorageConfig, { RETENTION_DAYS: '29' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).message).toContain(
      'RETENTION_DAYS="29": RETENTION_DAYS must be at least 30 (R16.7)',
    );
  });
});
