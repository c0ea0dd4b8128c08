import type { Verdict } from './verify-core';

export type { Verdict } from './verify-core';

export interface VerifyOutcome {
  readonly verdict: Verdict;
  /** Time in the worker, from reading the file to the verdict. */
  readonly millis: number;
  /** Of which reading the file. */
  readonly readMillis?: number;
}

/** Verifies a dropped file in a fresh Web Worker (ended afterwards: its buffers go with it). */
export async function verifyInWorker(file: Blob, trustedPublicKey: string | undefined): Promise<VerifyOutcome> {
  const worker = new Worker(new URL('./verify.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<VerifyOutcome>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<VerifyOutcome>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage({ file, trustedPublicKey });
    });
  } finally {
    worker.terminate();
  }
}
