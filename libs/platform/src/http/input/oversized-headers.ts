import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { EDGE_ERROR_CATALOGUE } from '../../errors/edge-errors';
import { PROBLEM_JSON, problemDetailsOf } from '../../errors/problem-details';

const logger = new Logger('HttpErrors');

/**
 * Node refuses a request whose headers exceed its limit (a 64 KiB bearer token) before any
 * middleware runs, with a bare 431. This answers it like every other refusal, with a problem
 * document and its code, and logs it; any other unparsable request gets a coded 400.
 */
export function answerUnparsableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const code = error.code === 'HPE_HEADER_OVERFLOW' ? 'CUSTOS_INPUT_HEADERS_TOO_LARGE' : 'CUSTOS_INPUT_BAD_REQUEST';
    const { status, reason } = EDGE_ERROR_CATALOGUE[code];
    logger.warn({ msg: reason, code, status, parserError: error.code });
    const body = JSON.stringify(problemDetailsOf({ statusCode: status, code, message: reason }));
    const statusText = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
    socket.end(
      `HTTP/1.1 ${status} ${statusText}\r\ncontent-type: ${PROBLEM_JSON}; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
