import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { UploadError } from '@paved/cache-storage';

/** How long a connection we close is still read after its answer (see answerAndClose). */
const LINGER_MS = 5_000;
/** How much more of a body we read after answering a client we know (a token) or do not. */
export const LINGER_BYTES = { authenticated: 16 * 1024 * 1024, unauthenticated: 64 * 1024 } as const;

/**
 * Answers and closes the connection so that the client can read the answer. Closing a socket
 * while the client is still sending makes the kernel reset the connection, and a client still
 * writing its body (Node's http, Nx) then sees EPIPE or ECONNRESET instead of the status; Node's
 * server closes right after a `connection: close` answer is flushed. Instead, after the answer
 * the server half-closes and goes on reading, and discarding, what arrives for at most
 * LINGER_MS and `lingerBytes`: a client that finishes its body or stops on the answer gets a
 * clean close; one that goes on sending past the bound is cut off. The body is never read for
 * its own sake: an unauthenticated upload costs at most `LINGER_BYTES.unauthenticated`.
 */
export function answerAndClose(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
  body: string,
  lingerBytes: number,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { req } = res;
  const socket = req.socket as Socket & { destroySoon?: () => void };
  // Node's server calls destroySoon once the answer is written; linger there instead.
  socket.destroySoon = () => linger(req, socket, lingerBytes);
  res.writeHead(status, { ...headers, connection: 'close' }).end(body);
}

function linger(req: IncomingMessage, socket: Socket, maxBytes: number): void {
  if (!socket.writableEnded) socket.end();
  const cutOff = setTimeout(() => socket.destroy(), LINGER_MS);
  socket.once('close', () => clearTimeout(cutOff));
  // The whole body is in: the client closes on `connection: close`, else the timer does.
  if (req.complete) return;
  let read = 0;
  req.on('data', (chunk: Buffer) => {
    read += chunk.length;
    if (read > maxBytes) socket.destroy();
  });
  req.on('error', () => socket.destroy());
  req.resume();
}

/**
 * The request body as a stream that fails with 408 when the client sends nothing for `idleMs`
 * while the server waits for it (time the server itself spends writing does not count). It
 * stops listening to the request when it ends or fails, so the connection stays usable for
 * the answer (answerAndClose), which destroying the request itself would prevent.
 */
export function idleGuardedBody(req: IncomingMessage, idleMs: number): Readable {
  let timer: NodeJS.Timeout | undefined;
  const stopTimer = () => clearTimeout(timer);
  const body = new Readable({
    read() {
      stopTimer();
      timer = setTimeout(() => body.destroy(new UploadError(`the upload sent no bytes for ${idleMs} ms`, 408)), idleMs);
      req.resume();
    },
    destroy(error, done) {
      stopTimer();
      detach();
      done(error);
    },
  });
  const onData = (chunk: Buffer) => {
    stopTimer();
    if (!body.push(chunk)) req.pause();
  };
  const onEnd = () => {
    stopTimer();
    body.push(null);
  };
  const onError = (error: Error) => body.destroy(error);
  const onClose = () => {
    if (!req.complete) body.destroy(new Error('the client closed the connection'));
  };
  const detach = () => {
    req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
  };
  req.pause();
  req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  return body;
}
