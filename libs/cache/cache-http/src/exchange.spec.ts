import { request, createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpExchange } from './exchange';

const DRAINABLE_BYTES = 4 * 1024 * 1024;
/** Chunk sizes the refusal told of, for the request being answered. */
let told: number[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const exchange = new HttpExchange(req, res, DRAINABLE_BYTES, (chunkBytes) => told.push(chunkBytes));
    void exchange.refuse(409, 'artifact exists');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

/** PUTs `bytes` in 64 KiB writes and resolves with the status once the answer is read. */
function put(bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/v1/cache/x`, { method: 'PUT', headers: { 'content-length': bytes } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 7);
    let sent = 0;
    const writeMore = () => {
      while (sent < bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

describe('HttpExchange.refuse', () => {
  it('drains the body before it answers, telling the reclaimer of every drained byte', async () => {
    told = [];
    expect(await put(3 * 1024 * 1024 + 5)).toBe(409);
    expect(told.reduce((sum, bytes) => sum + bytes, 0)).toBe(3 * 1024 * 1024 + 5);
  });

  it('drains nothing of a body longer than it may drain: it answers and closes', async () => {
    told = [];
    const status = await put(DRAINABLE_BYTES + 1).catch(() => 'reset');
    expect([409, 'reset']).toContain(status);
    expect(told.reduce((sum, bytes) => sum + bytes, 0)).toBeLessThan(DRAINABLE_BYTES);
  });
});
