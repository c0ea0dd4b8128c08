/**
 * The Web Worker the verify page hands a dropped file to: it reads the file itself (the page
 * neither copies nor transfers its bytes) and stays off the page's thread while it hashes.
 */
import { prepareFile, verifyBytes } from './verify-core';

self.onmessage = async (event: MessageEvent<{ file: Blob; trustedPublicKey?: string }>) => {
  const started = performance.now();
  try {
    const prepared = prepareFile(event.data.file.size);
    // Streamed straight into the verifier's memory: no second copy of the file.
    let at = 0;
    const reader = event.data.file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      prepared.file.set(value, at);
      at += value.length;
    }
    const verdict = await verifyBytes({ bytes: prepared.file.subarray(0, at), trustedPublicKey: event.data.trustedPublicKey }, prepared);
    self.postMessage({ verdict, millis: performance.now() - started });
  } catch (error) {
    self.postMessage({ verdict: { status: 'unreadable', message: String((error as Error).message ?? error) }, millis: 0 });
  }
};
