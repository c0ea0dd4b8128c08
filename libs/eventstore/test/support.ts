import { EventRegistry, PendingEvent } from '@custos/contracts';
import { createTestDatabase } from '@custos/testing';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Pool } from 'pg';
import { ensureEventStoreSchema } from '../src/store/schema';

export class CounterChanged {
  @IsInt() @Min(-1000) @Max(1000) by!: number;
  @IsOptional() @IsString() @MaxLength(100) note?: string;
}
export class CounterRenamed {
  @IsString() @MaxLength(100) name!: string;
}
export class CounterFlagged {
  @IsIn(['red', 'green']) flag!: string;
}

export function testRegistry(): EventRegistry {
  return new EventRegistry().register(
    { type: 'test.CounterChanged', schemaVersion: 2, payload: CounterChanged, upcasters: { 1: (p) => ({ by: p.amount }) } },
    { type: 'test.CounterRenamed', schemaVersion: 1, payload: CounterRenamed },
    { type: 'test.CounterFlagged', schemaVersion: 1, payload: CounterFlagged },
  );
}

export const testActor = { subject: 'test-user', organisationId: 'org-1', roles: ['OFFICER'] };

export function changed(by: number, correlationId = 'corr-1'): PendingEvent {
  return { type: 'test.CounterChanged', schemaVersion: 2, payload: { by }, actor: testActor, correlationId };
}

/** A fresh database with the kernel's schema, and a pool on it. */
export async function freshEventStoreDb(label: string, max = 10): Promise<{ url: string; pool: Pool }> {
  const url = await createTestDatabase(label);
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  await ensureEventStoreSchema(pool);
  return { url, pool };
}
