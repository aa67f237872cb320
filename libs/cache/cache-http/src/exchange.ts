import { UploadError } from '@paved/cache-storage';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { answerAndClose, LINGER_BYTES } from './connection';

/** Nx accepts a 401 only with exactly `text/plain` (no charset); every text answer uses it. */
const TEXT = { 'content-type': 'text/plain' } as const;
const JSON_TYPE = { 'content-type': 'application/json' } as const;

/**
 * One request and the ways this server answers it: text, JSON, an answer that closes the
 * connection, a refusal that first drains what the client is sending, and a body read only once
 * the request is accepted.
 */
export class HttpExchange {
  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    /** The longest body a refusal drains (the artifact size limit); a longer one closes the connection. */
    private readonly drainableBytes: number,
    /**
     * Told of each chunk a refusal drains: a duplicate upload (409) is drained at the speed the
     * client sends, and 16 of 10 MiB at once left 40-50 MB of spent chunks waiting for V8 without it.
     */
    private readonly reclaimDrainedBuffers?: (chunkBytes: number) => void,
  ) {}

  text(status: number, message: string): void {
    if (this.res.headersSent) return;
    this.res.writeHead(status, TEXT).end(message);
  }

  json(status: number, body: unknown): void {
    this.res.writeHead(status, JSON_TYPE).end(JSON.stringify(body));
  }

  /** A text answer, then the connection is closed without losing the answer (answerAndClose). */
  closeWith(
    status: number,
    message: string,
    lingerBytes: number = LINGER_BYTES.authenticated,
    headers: Record<string, string | number> = {},
  ): void {
    answerAndClose(this.res, status, { ...TEXT, ...headers }, message, lingerBytes);
  }

  /**
   * Answers a refused request that may carry a body. The body is drained first
   * (up to the size limit), because Nx keeps streaming a PUT it has started and
   * treats a reset connection as a fatal error, while 403 and 409 are silent.
   */
  async refuse(status: number, message: string): Promise<void> {
    const { req } = this;
    if (this.expectsContinue()) {
      // The client waits for our word before it sends the body: the refusal is that word.
      this.closeWith(status, message);
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const drainable = Number.isFinite(declared) && declared <= this.drainableBytes;
    if (drainable && !req.readableEnded) {
      const { reclaimDrainedBuffers } = this;
      if (reclaimDrainedBuffers) req.on('data', (chunk: Buffer) => reclaimDrainedBuffers(chunk.length));
      req.resume();
      await new Promise((resolve) => {
        req.once('end', resolve);
        req.once('error', resolve);
        req.once('close', resolve);
      });
    }
    if (drainable) this.text(status, message);
    else this.closeWith(status, message);
  }

  /**
   * The body `stream` of the request, once the client may send it: a client that sent
   * `Expect: 100-continue` is told to go on only now that the request is accepted.
   */
  acceptBody<T>(stream: T): T {
    if (this.expectsContinue() && !this.res.headersSent) this.res.writeContinue();
    return stream;
  }

  /** The accepted body as JSON; a longer body than `limit` bytes, or one that is not JSON, is an UploadError. */
  async readJson(limit: number): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.acceptBody(this.req) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new UploadError(`JSON body exceeds ${limit} bytes`, 413);
      chunks.push(chunk);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf-8'));
    } catch {
      throw new UploadError('body is not valid JSON');
    }
  }

  private expectsContinue(): boolean {
    return this.req.headers.expect?.toLowerCase() === '100-continue';
  }
}
