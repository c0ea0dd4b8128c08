import { startTestIssuer, TestIssuer } from '@custos/auth';
import { EventStore } from '@custos/eventstore';
import { owner, startStorageApp, StorageTestApp } from './storage.test-support';

/** What a storage suite over HTTP starts with. */
export interface StorageSuite {
  readonly issuer: TestIssuer;
  /** The app on a database of its own. */
  readonly t: StorageTestApp;
  /** A token of the camera owner's operator. */
  readonly ownerToken: string;
  /** The storage service's event store, to read what a step recorded. */
  readonly events: EventStore;
}

/**
 * Starts a suite's token issuer and storage app before its tests (`label` names its database)
 * and closes both after them; the fields are filled once the suite's first `beforeAll` ran.
 */
export function useStorageSuite(label: string): StorageSuite {
  const suite: { -readonly [K in keyof StorageSuite]?: StorageSuite[K] } = {};
  beforeAll(async () => {
    suite.issuer = await startTestIssuer();
    suite.t = await startStorageApp(suite.issuer, label);
    suite.ownerToken = await suite.issuer.tokenFor(owner());
    suite.events = new EventStore(suite.t.pool, 'storage');
  });
  afterAll(async () => {
    await suite.t?.close();
    await suite.issuer?.close();
  });
  return suite as StorageSuite;
}
