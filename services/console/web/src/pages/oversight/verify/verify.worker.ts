/**
 * The Web Worker the verify page hands a dropped file to: it reads the file itself (the page
 * neither copies nor transfers its bytes) and stays off the page's thread while it hashes.
 */
import { verifyBytes } from './verify-core';

self.onmessage = async (event: MessageEvent<{ file: Blob; trustedPublicKey?: string }>) => {
  const started = performance.now();
  try {
    const bytes = await event.data.file.arrayBuffer();
    const readMillis = performance.now() - started;
    const verdict = await verifyBytes({ bytes, trustedPublicKey: event.data.trustedPublicKey });
    self.postMessage({ verdict, millis: performance.now() - started, readMillis });
  } catch (error) {
    self.postMessage({ verdict: { status: 'unreadable', message: String((error as Error).message ?? error) }, millis: 0 });
  }
};
