import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';

/** One `request` line of the server's JSON log. */
export interface RequestLog {
  method: string;
  /** The path without the query string. */
  path: string;
  status: number;
  namespace: string;
  /** Name of the token that made the request, when one was accepted. */
  token?: string;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CacheServerProcess {
  url: string;
  /** Requests the server has logged so far (`.slice(from, to)` of them). */
  requests(from?: number, to?: number): RequestLog[];
  /**
   * How many requests are logged once every request answered before this call
   * is. The server logs a request after answering it, so a client can finish
   * before its last request is logged; this sends a marker request and waits
   * for its line. Markers are not listed by requests().
   */
  mark(): Promise<number>;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Sends SIGTERM and resolves with how the process ended and how long that took. */
  stop(): Promise<ServerExit & { ms: number }>;
  /** SIGKILL: no chance to clean up, as in a crash or an OOM kill. */
  kill(): Promise<ServerExit>;
}

const running = new Set<ChildProcess>();
/** An unknown route (404) whose log line tells how far the log has got. */
const MARKER_PATH = '/e2e-log-marker-';

/**
 * Starts `paved-cache serve` from the built bundle (`serverBinary`, dist/apps/cache-server/main.cjs)
 * and resolves once it logs the URL it listens on. The environment is the caller's plus `env`;
 * PAVED_CACHE_* and AWS_* variables of the test process are dropped so only `env` configures it.
 */
export function startCacheServerProcess(
  serverBinary: string,
  env: Record<string, string>,
  timeoutMs = 15_000,
  /** A command that runs the server as its last arguments, in the same process (it execs): e.g. `unshare` with a mount. */
  launcher: readonly string[] = [],
): Promise<CacheServerProcess> {
  if (!existsSync(serverBinary)) {
    throw new Error(`${serverBinary} is missing: build it first (nx run cache-server:build)`);
  }
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('PAVED_CACHE_') && !key.startsWith('AWS_')),
  );
  const [command, ...args] = [...launcher, process.execPath, serverBinary, 'serve'];
  const child = spawn(command, args, {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);

  let output = '';
  let listeningUrl: string | undefined;
  let exit: ServerExit | undefined;
  // Markers included; requests() leaves them out.
  const logged: RequestLog[] = [];
  let markers = 0;
  // Called whenever something the waiters look at changes: a log line, or the exit.
  const listeners = new Set<() => void>();
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      exit = { code, signal };
      resolve(exit);
      listeners.forEach((notify) => notify());
    });
  });
  let partialLine = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const lines = (partialLine + chunk.toString()).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) {
      const entry = parseLogLine(line);
      if (entry?.msg === 'request') logged.push(entry as unknown as RequestLog);
      if (entry?.msg === 'listening') listeningUrl = String(entry.url);
    }
    listeners.forEach((notify) => notify());
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  /** Resolves with what `find` finds; rejects on timeout or once the process has exited without it. */
  const waitFor = <T>(find: () => T | undefined, what: string, ms: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const fail = (why: string) => {
        cleanup();
        reject(new Error(`paved-cache ${what} ${why}. Its output:\n${output}`));
      };
      const check = () => {
        const found = find();
        if (found !== undefined) {
          cleanup();
          resolve(found);
        } else if (exit) {
          fail(`before it exited (code ${exit.code}, signal ${exit.signal})`);
        }
      };
      const timer = setTimeout(() => fail(`within ${ms} ms`), ms);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  const isMarker = (request: RequestLog) => request.path.startsWith(MARKER_PATH);
  const listening = waitFor(() => listeningUrl, 'did not log "listening"', timeoutMs).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return listening.then((url) => ({
    url,
    requests: (from, to) => logged.filter((request) => !isMarker(request)).slice(from, to),
    async mark() {
      const path = `${MARKER_PATH}${++markers}`;
      await getAndDiscard(url, path);
      const index = await waitFor(
        () => {
          const found = logged.findIndex((request) => request.path === path);
          return found === -1 ? undefined : found;
        },
        `did not log the marker request ${path}`,
        10_000,
      );
      return logged.slice(0, index).filter((request) => !isMarker(request)).length;
    },
    output: () => output,
    async stop() {
      const started = Date.now();
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      return { code, signal, ms: Date.now() - started };
    },
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
  }));
}

/** Kills every server a test left running (a failed assertion skips its stop()). */
export function killLeftoverServers(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** One GET on a connection of its own (a pooled one would outlive a server a test kills). */
function getAndDiscard(base: string, path: string): Promise<void> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    request({ host: hostname, port, path, agent: false }, (res) => {
      res.resume();
      res.once('end', resolve);
    })
      .once('error', reject)
      .end();
  });
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
