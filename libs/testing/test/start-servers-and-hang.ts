// Fixture for the no-leftover test: starts servers the way global setup does, prints their
// pids, then waits to be killed.
import { startRecorded } from '../src/servers/start-servers';
import { startEmbeddedPostgres } from '../src/servers/embedded-postgres.server';
import { startKafkaMock } from '../src/servers/kafka-mock.server';
import { ServerHandle } from '../src/servers/server-handle';

async function main(): Promise<void> {
  const handles: ServerHandle[] = [];
  await startRecorded(handles, startEmbeddedPostgres);
  await startRecorded(handles, startKafkaMock);
  process.stdout.write(`PIDS ${handles.flatMap((h) => h.pids()).join(',')}\n`);
  process.stdout.write(`DIRS ${handles.flatMap((h) => h.scratchDirs ?? []).join(',')}\n`);
  setInterval(() => undefined, 60000);
}
void main();
