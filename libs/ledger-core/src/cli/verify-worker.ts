/**
 * A worker thread of custos-verify (see verify-threads.ts): given an export file's chunks and the
 * shared counter they are claimed by, replays chunks until none is left, reading the file itself,
 * and answers with each chunk's outcome.
 */
import { parentPort } from 'node:worker_threads';
import { ChunkReplayer } from '../verify/chunk-replay';
import { nodeLeafBatch } from '../verify/leaf-batch';
import { fileSource } from './file-source';
import type { ReplayJob } from './verify-threads';

const port = parentPort;
if (port === null) throw new Error('verify-worker runs as a worker thread');

port.on('message', (job: ReplayJob | null) => {
  if (job === null) {
    port.close();
    return;
  }
  const next = new Int32Array(job.next);
  // Opened only once there is a chunk to replay: a worker that starts late claims none.
  let open: { source: ReturnType<typeof fileSource>; replayer: ChunkReplayer } | undefined;
  try {
    for (let k = Atomics.add(next, 0, 1); k < job.tasks.length; k = Atomics.add(next, 0, 1)) {
      if (open === undefined) {
        const source = fileSource(job.file);
        open = { source, replayer: new ChunkReplayer(source, nodeLeafBatch(), job.windowBytes) };
      }
      port.postMessage({ id: job.id, k, outcome: open.replayer.replay(job.tasks[k]) });
    }
  } finally {
    open?.source.close();
  }
});
