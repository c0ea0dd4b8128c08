// Jest global setup of the integration project: the harness's servers (libs/testing), then the
// run's owner and runtime roles and a template database migrated with every set, which each
// suite's `createTestDatabase` copies (tables of different services do not overlap).
import './workspace-aliases';
import { prepareTestDatabaseTemplate } from '@custos/testing';
import globalSetup from '../libs/testing/src/global-setup';
import { MIGRATIONS } from './migrations';

export default async function setup(): Promise<void> {
  await globalSetup();
  const t0 = Date.now();
  const template = await prepareTestDatabaseTemplate(Object.values(MIGRATIONS));
  process.stdout.write(`[custos harness] migrations: template ${template} with every set (${Date.now() - t0} ms)\n`);
}
