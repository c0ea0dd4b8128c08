import { ddlMigration, MigrationDb } from './migration';

function recordingDb(): { db: MigrationDb; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    db: {
      query: async <T>(sql: string) => {
        calls.push(`query ${sql}`);
        return [] as T[];
      },
      grant: async (privileges: string, ...objects: string[]) => {
        calls.push(`grant ${privileges} ON ${objects.join(', ')}`);
      },
    },
  };
}

describe('ddlMigration', () => {
  it('runs its statements as written, in order, then grants the runtime role in order', async () => {
    const { db, calls } = recordingDb();
    const migration = ddlMigration({
      name: 'Test0001Initial1764892800900',
      statements: ['\nCREATE TABLE t (id text);\n', 'CREATE INDEX i ON t (id)'],
      grants: [
        ['SELECT, INSERT', 't'],
        ['SELECT', 'u', 'v'],
      ],
    });
    await migration.up(db);
    expect(migration.name).toBe('Test0001Initial1764892800900');
    expect(calls).toEqual([
      'query \nCREATE TABLE t (id text);\n',
      'query CREATE INDEX i ON t (id)',
      'grant SELECT, INSERT ON t',
      'grant SELECT ON u, v',
    ]);
  });

  it('grants nothing when it names no grants', async () => {
    const { db, calls } = recordingDb();
    await ddlMigration({ name: 'Test0002Index1764892800901', statements: ['SELECT 1'] }).up(db);
    expect(calls).toEqual(['query SELECT 1']);
  });
});
