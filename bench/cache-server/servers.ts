/**
 * Starts and stops the servers under test. Ours and TRRC each run as a plain `node` process (so
 * /proc/<pid> is the server itself, not a wrapper), nginx as a master with one worker (nginx.ts);
 * all with local storage on loopback and logging at warn.
 */
import { freePort } from '@paved/scratch';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childPids } from './process-stats';
import { runOrThrow } from './system-packages';

export type ServerId = 'paved' | 'trrc' | 'nginx';
export const SERVER_IDS: readonly ServerId[] = ['paved', 'trrc', 'nginx'];

export const BASELINE_PACKAGE = 'turborepo-remote-cache';
export const BASELINE_VERSION = '2.12.0';
/**
 * Its dependencies as the registry stood then (npm's --before): every run measures the same
 * tree, and a release published since cannot break the install (a fresh one can depend on a
 * version the registry does not serve; Nx's packages met that on 2026-12-04).
 */
const BASELINE_DEPENDENCIES_AS_OF = '2026-11-30T00:00:00Z';
export const SERVER_LABELS: Record<ServerId, string> = {
  paved: 'paved-cache',
  trrc: `TRRC ${BASELINE_VERSION}`,
  nginx: 'nginx',
};

const OUTPUT_TAIL_BYTES = 64 * 1024;
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ServerProcess {
  private output = '';
  /** Set when the process ends, whoever ended it. */
  exit?: ServerExit;
  private stopping = false;
  private readonly exited: Promise<ServerExit>;
  private memberPids: number[] = [];

  /** `logFile`: a log the server writes besides stdout and stderr (nginx's error log), read into outputTail. */
  constructor(
    readonly id: ServerId,
    readonly label: string,
    readonly origin: string,
    readonly storageDir: string,
    private readonly child: ChildProcess,
    private readonly logFile?: string,
  ) {
    // The Node servers log with pino to stdout; an unread pipe would eventually block them.
    const keep = (chunk: Buffer) => {
      const output = this.output + chunk.toString('utf-8');
      if (output.length <= OUTPUT_TAIL_BYTES) {
        this.output = output;
      } else {
        // Cut at a line start, so the oldest line kept is whole (log lines are parsed as JSON).
        const tail = output.slice(-OUTPUT_TAIL_BYTES);
        this.output = tail.slice(tail.indexOf('\n') + 1);
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.label} has no pid`);
    return this.child.pid;
  }

  /**
   * The processes that serve: the server and the children it had once ready (nginx's worker), whose
   * CPU time and RSS count as the server's. Fixed when waitUntilReady succeeds.
   */
  get pids(): number[] {
    return this.memberPids.length > 0 ? this.memberPids : [this.pid];
  }

  /** Ended without being asked to: a crash, whatever the exit code. */
  get crashed(): boolean {
    return this.exit !== undefined && !this.stopping;
  }

  /** What the server printed (stdout and stderr interleaved, then its log file), about the last 64 KiB in whole lines. */
  outputTail(): string {
    if (!this.logFile || !existsSync(this.logFile)) return this.output;
    const log = readFileSync(this.logFile, 'utf-8');
    const tail =
      log.length <= OUTPUT_TAIL_BYTES ? log : log.slice(log.indexOf('\n', log.length - OUTPUT_TAIL_BYTES) + 1);
    return this.output + tail;
  }

  async stop(): Promise<void> {
    if (this.exit) return;
    this.stopping = true;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Polls url until it answers 200; fails early if the process dies. */
  async waitUntilReady(path: string, headers: Record<string, string> = {}): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let lastProblem = 'no answer yet';
    while (Date.now() < deadline) {
      if (this.exit) {
        throw new Error(
          `${this.label} exited during startup (code ${this.exit.code}, signal ${this.exit.signal}):\n${this.output}`,
        );
      }
      try {
        const response = await fetch(`${this.origin}${path}`, { headers, signal: AbortSignal.timeout(1000) });
        await response.arrayBuffer();
        if (response.status === 200) {
          this.memberPids = [this.pid, ...childPids(this.pid)];
          return;
        }
        lastProblem = `HTTP ${response.status}`;
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.label} not ready after ${READY_TIMEOUT_MS} ms (${lastProblem}):\n${this.output}`);
  }
}

/**
 * Builds the server; returns its output folder (main.cjs, and s3-sdk.cjs that S3 storage loads).
 * Always builds: Nx answers from its cache when nothing changed, and a stale bundle would measure old code.
 */
export function buildOurServer(workspaceRoot: string): string {
  runOrThrow(join(workspaceRoot, 'node_modules/.bin/nx'), ['run', 'cache-server:build', '--outputStyle=static'], {
    cwd: workspaceRoot,
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  return join(workspaceRoot, 'dist/apps/cache-server');
}

/**
 * The baseline lives outside the workspace: its @azure dependencies refuse
 * Node 20 under pnpm's engine-strict, so it cannot be a devDependency.
 */
export function ensureBaselineInstalled(baselineDir: string): string {
  const packageDir = join(baselineDir, 'node_modules', BASELINE_PACKAGE);
  if (!existsSync(join(packageDir, 'package.json'))) {
    console.log(`installing ${BASELINE_PACKAGE}@${BASELINE_VERSION} into ${baselineDir} ...`);
    // A fresh clone has no .baseline/ (it is git-ignored). npm needs its cwd to exist, and a
    // package.json of its own keeps it from treating the workspace above as the project.
    mkdirSync(baselineDir, { recursive: true });
    const manifest = join(baselineDir, 'package.json');
    if (!existsSync(manifest)) writeFileSync(manifest, '{ "private": true }\n');
    runOrThrow(
      'npm',
      [
        'install',
        '--prefix',
        baselineDir,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--engine-strict=false',
        `--before=${BASELINE_DEPENDENCIES_AS_OF}`,
        `${BASELINE_PACKAGE}@${BASELINE_VERSION}`,
      ],
      { cwd: baselineDir },
    );
  }
  return packageDir;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The node flags in a script's `#!/usr/bin/env -S node <flags>` line: our
 * server runs as `paved-cache serve` would run it, on the same node binary as
 * the baseline.
 */
export function shippedNodeFlags(script: string): string[] {
  const firstLine = readFileSync(script, 'utf-8').slice(0, 256).split('\n', 1)[0];
  const match = /^#!\/usr\/bin\/env -S node\s+(.*)$/.exec(firstLine);
  return match ? match[1].trim().split(/\s+/) : [];
}

function spawnNode(
  script: string,
  args: string[],
  cwd: string,
  nodeFlags: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  // Nothing inherited from this process's environment that could change either server's behaviour.
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' };
  return spawn(process.execPath, [...nodeFlags, script, ...args], {
    cwd,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A server that never became ready is stopped before the error propagates, so none is left behind. */
export async function readyOrStopped(
  server: ServerProcess,
  path: string,
  headers?: Record<string, string>,
): Promise<void> {
  try {
    await server.waitUntilReady(path, headers);
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The switches that turn off each CacheServerTuning option paved-cache ships with (docs/cache-server.md, "Tuning"). */
export const TUNING_OFF: Readonly<Record<string, string>> = {
  PAVED_CACHE_RECLAIM_UPLOAD_BUFFERS_EVERY_BYTES: '0',
  PAVED_CACHE_RECLAIM_AFTER_STARTUP_SCAN: 'false',
  PAVED_CACHE_SYNC_WRITE_MAX_BYTES: '0',
  PAVED_CACHE_POOLED_SEND_CHUNKS: '0',
  PAVED_CACHE_SPOOL_FILES_AHEAD: '0',
  PAVED_CACHE_RECLAIM_HEAP_GROWTH_BYTES: '0',
};

export async function startOurServer(options: {
  bundle: string;
  workspaceRoot: string;
  storageDir: string;
  token: string;
  /** More PAVED_CACHE_* variables (TUNING_OFF). */
  env?: Readonly<Record<string, string>>;
}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawnNode(options.bundle, ['serve'], options.workspaceRoot, shippedNodeFlags(options.bundle), {
    PAVED_CACHE_HOST: '127.0.0.1',
    PAVED_CACHE_PORT: String(port),
    // Explicit, so the storage under test never depends on a default (builds before 15cc78e even required it).
    PAVED_CACHE_STORAGE: 'fs',
    PAVED_CACHE_DIR: options.storageDir,
    PAVED_CACHE_LOG_LEVEL: 'warn',
    PAVED_CACHE_TOKENS: JSON.stringify([
      { name: 'bench', sha256: sha256Hex(options.token), read: ['main'], write: 'main' },
    ]),
    ...options.env,
  });
  const server = new ServerProcess('paved', SERVER_LABELS.paved, `http://127.0.0.1:${port}`, options.storageDir, child);
  await readyOrStopped(server, '/healthz');
  return server;
}

export async function startBaselineServer(options: {
  packageDir: string;
  storageDir: string;
  token: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  // The package's bin ("turborepo-remote-cache": "./dist/cli.js"); env names from its dist/env.js.
  const child = spawnNode(
    join(options.packageDir, 'dist/cli.js'),
    [],
    options.packageDir,
    shippedNodeFlags(join(options.packageDir, 'dist/cli.js')),
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      STORAGE_PROVIDER: 'local',
      STORAGE_PATH: options.storageDir,
      STORAGE_PATH_USE_TMP_FOLDER: 'false',
      TURBO_TOKEN: options.token,
      LOG_LEVEL: 'warn',
    },
  );
  const server = new ServerProcess('trrc', SERVER_LABELS.trrc, `http://127.0.0.1:${port}`, options.storageDir, child);
  await readyOrStopped(server, '/v8/artifacts/status', { authorization: `Bearer ${options.token}` });
  return server;
}
