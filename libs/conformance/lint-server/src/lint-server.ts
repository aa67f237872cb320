import { createConnection, createServer, type Server } from 'node:net';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { readMessage, startingMarker, type ClientMessage, type ServerMessage } from './socket';
import { WatchedInputs } from './watched-inputs';
import { WorkspaceLinter } from './workspace-linter';

export interface LintServerOptions {
  root: string;
  socketPath: string;
  /** Exit after this long without a request (default 30 minutes): nobody has to stop it. */
  idleMs?: number;
  /** Where the server says what it does (default: nowhere; it runs detached). */
  log?: (line: string) => void;
}

const DEFAULT_IDLE_MS = 30 * 60_000;
/** How often an idle server looks whether its workspace still exists and its inputs are current. */
const CHECK_EVERY_MS = 30_000;

/**
 * A long-lived ESLint for the pre-commit hook: loading ESLint's config, the TypeScript parser and
 * the plugins costs about a second, linting one staged file tens of milliseconds. It serves until
 * a file that decides verdicts changes (then it answers "stale" and exits, so no verdict ever
 * comes from an outdated config or project graph), until it is idle, or until it is told to stop.
 * Resolves when it has stopped.
 */
export async function serveLint(options: LintServerOptions): Promise<void> {
  const log = options.log ?? (() => undefined);
  const marker = startingMarker(options.socketPath);
  writeFileSync(marker, `${process.pid}\n`);
  const watched = new WatchedInputs(options.root);
  watched.watchReads();
  let linter: WorkspaceLinter;
  try {
    linter = new WorkspaceLinter(options.root);
    await linter.warmUp();
  } catch (error) {
    rmSync(marker, { force: true });
    throw error;
  }
  log(`warm: watching ${watched.size} files`);

  let queue: Promise<unknown> = Promise.resolve();
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let idle: NodeJS.Timeout | undefined;
  const resetIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(stop, options.idleMs ?? DEFAULT_IDLE_MS);
    idle.unref();
  };

  const answer = async (message: ClientMessage): Promise<ServerMessage> => {
    if (message.type === 'stop') {
      stop();
      return { type: 'stopping' };
    }
    const changed = watched.changed();
    if (changed !== undefined) {
      log(`stale: ${changed} changed`);
      stop();
      return { type: 'stale', changed };
    }
    watched.ignore(message.files);
    try {
      return { type: 'linted', ...(await linter.lint(message)) };
    } catch (error) {
      return { type: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  };

  const server = createServer((socket) => {
    resetIdle();
    // A client that connects and says nothing is not waited for.
    socket.setTimeout(30_000, () => socket.destroy());
    readMessage(socket, (message) => {
      socket.setTimeout(0);
      // One request at a time: two commits fixing the same file must not interleave their writes.
      const reply = queue.then(() => answer(message as ClientMessage));
      queue = reply.catch(() => undefined);
      void reply.then((response) => socket.end(`${JSON.stringify(response)}\n`));
    });
  });
  try {
    await listen(server, options.socketPath);
  } finally {
    rmSync(marker, { force: true });
  }
  log(`listening on ${options.socketPath}`);
  resetIdle();
  // A workspace deleted (a test's scratch folder) or changed while nobody commits ends the server
  // now, not at the idle limit.
  const check = setInterval(() => {
    if (!existsSync(options.root) || watched.changed() !== undefined) stop();
  }, CHECK_EVERY_MS);
  check.unref();
  await stopped;
  clearTimeout(idle);
  clearInterval(check);
  // No new connections; the answer in flight is written before the process exits.
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Listens on the socket path. A path left by a server that died is taken over; one a live server
 * answers on is not (two hooks started servers at once): this one then exits at once.
 */
async function listen(server: Server, socketPath: string): Promise<void> {
  const attempt = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await attempt();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (await answers(socketPath)) throw new Error(`another lint server already listens on ${socketPath}`);
    rmSync(socketPath, { force: true });
    await attempt();
  }
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
