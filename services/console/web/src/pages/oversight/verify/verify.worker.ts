/** The Web Worker the verify page hands a dropped file to: the page stays responsive while it hashes. */
import { verifyBytes, type VerifyRequest } from './verify-core';

self.onmessage = (event: MessageEvent<VerifyRequest>) => {
  const started = performance.now();
  try {
    const verdict = verifyBytes(event.data);
    self.postMessage({ verdict, millis: performance.now() - started });
  } catch (error) {
    self.postMessage({ verdict: { status: 'unreadable', message: String((error as Error).message ?? error) }, millis: 0 });
  }
};
