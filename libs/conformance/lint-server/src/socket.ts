import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, statSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * One warm server per workspace and user, reached through a socket in a folder only that user can
 * open: another account on the machine cannot ask it to lint (and fix) files.
 */
export function lintSocketPath(root: string): string {
  const { uid } = userInfo();
  const dir = join(tmpdir(), `paved-lint-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A folder someone else made first (or opened up) is not private: lint in-process instead.
  const folder = statSync(dir);
  if (folder.uid !== uid || (folder.mode & 0o077) !== 0)
    throw new Error(
      `${dir} is not private to this user (owner ${folder.uid}, mode ${(folder.mode & 0o777).toString(8)})`,
    );
  const id = createHash('sha256').update(realpathSync(root)).digest('hex').slice(0, 16);
  return join(dir, `${id}.sock`);
}

/** Present while a server warms up: clients do not start another one meanwhile. */
export const startingMarker = (socketPath: string): string => `${socketPath}.starting`;

/** One JSON message per line, both ways. */
export type ClientMessage = { type: 'lint'; files: string[]; fix: boolean } | { type: 'stop' };

export type ServerMessage =
  | { type: 'linted'; output: string; errorCount: number; warningCount: number }
  | { type: 'failed'; message: string }
  /** The server's config or graph is out of date: it exits, and the client lints in its own process. */
  | { type: 'stale'; changed: string }
  | { type: 'stopping' };

/** Calls `onMessage` with the first JSON line the socket sends. */
export function readMessage(socket: Socket, onMessage: (message: unknown) => void): void {
  let buffered = '';
  socket.setEncoding('utf-8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    const end = buffered.indexOf('\n');
    if (end < 0) return;
    socket.removeAllListeners('data');
    try {
      onMessage(JSON.parse(buffered.slice(0, end)));
    } catch {
      socket.destroy();
    }
  });
}
