import { STATUS_CODES, type ServerResponse } from 'node:http';

/**
 * The gateway's own refusals, as the services answer theirs: an RFC 9457 problem document
 * with the code the console translates (the gateway stays free of the services' framework).
 */
export function answerProblem(res: ServerResponse, status: number, code: string, detail: string): void {
  res.writeHead(status, { 'Content-Type': 'application/problem+json; charset=utf-8' });
  res.end(JSON.stringify({ type: `urn:custos:problem:${code}`, title: STATUS_CODES[status] ?? `HTTP ${status}`, status, detail, code }));
}
