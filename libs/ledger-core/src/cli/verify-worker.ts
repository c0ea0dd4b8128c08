/**
 * A worker thread of custos-verify (see verify-threads.ts): replays the chunks it is sent, one
 * message each, reading the export file itself, and answers with their outcomes.
 */
import { parentPort } from 'node:worker_threads';
import { ChunkReplayer, ChunkTask } from '../verify/chunk-replay';
import { nodeLeafBatch } from '../verify/leaf-batch';
import { ByteSource } from '../verify/json-scan';
import { fileSource } from './file-source';

const port = parentPort;
if (port === null) throw new Error('verify-worker runs as a worker thread');
let open: { file: string; source: ByteSource & { close(): void }; replayer: ChunkReplayer } | undefined;

port.on('message', (message: { k: number; file: string; task: ChunkTask; windowBytes?: number } | null) => {
  if (message === null || open?.file !== message.file) {
    open?.source.close();
    open = undefined;
  }
  if (message === null) {
    port.close();
    return;
  }
  if (open === undefined) {
    const source = fileSource(message.file);
    open = { file: message.file, source, replayer: new ChunkReplayer(source, nodeLeafBatch(), message.windowBytes) };
  }
  port.postMessage({ k: message.k, outcome: open.replayer.replay(message.task) });
});
