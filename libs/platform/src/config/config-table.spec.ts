import { IsString } from 'class-validator';
import { CommonConfig } from './common.config';
import { renderConfigTable } from './config-table';
import { embeddedDatabaseUrl } from './embedded-database-url';
import { Setting } from './setting.decorator';

class AlphaConfig extends CommonConfig {
  override PORT = 3101;
  override DATABASE_URL = embeddedDatabaseUrl('alpha');

  @Setting({ description: 'Where alpha | keeps things' })
  @IsString()
  ALPHA_DIR: string = '/var/alpha';
}

describe('renderConfigTable', () => {
  const table = renderConfigTable([
    { title: 'Every service', configClass: CommonConfig },
    { title: 'alpha', configClass: AlphaConfig },
  ]);

  it('lists every common setting once, with its default and meaning', () => {
    expect(table).toContain('### Every service');
    expect(table).toContain('| `LOG_LEVEL` | `info` | Lowest level written to the JSON log');
    expect(table).toContain('| `KAFKA_TOPIC_PREFIX` | (empty) |');
    expect(table).toContain('custos_<service>');
    expect(table.match(/\| `LOG_LEVEL` \|/g)).toHaveLength(1);
  });

  it("shows a service's own settings and the defaults it changes", () => {
    const alpha = table.slice(table.indexOf('### alpha'));
    expect(alpha).toContain('| `PORT` | `3101` |');
    expect(alpha).toContain('| `DATABASE_URL` | `postgres://postgres:custos@127.0.0.1:5433/custos_alpha` |');
    expect(alpha).toContain('| `ALPHA_DIR` | `/var/alpha` | Where alpha \\| keeps things |');
    expect(alpha).not.toContain('LOG_LEVEL');
  });
});
