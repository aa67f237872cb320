import { spawn } from 'node:child_process';

export type Env = Readonly<Record<string, string | undefined>>;

export interface CommandResult {
  /** null when the command could not start or was stopped. */
  status: number | null;
  stdout: string;
  stderr: string;
  /** Why it did not run to an exit code: `ENOENT` (not found), `timeout`, or the spawn error. */
  failure?: string;
}

export type CommandRunner = (
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Env; timeoutMs?: number },
) => Promise<CommandResult>;

/** The part of `fetch` doctor uses; rejects on network errors and when the signal aborts. */
export type Fetch = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

/**
 * Everything the checks read from outside the workspace's files: the process environment, the
 * Node version, a command runner (git, the package manager, hook managers) and an HTTP client.
 * Tests inject their own; `systemEnvironment` is the real machine.
 */
export interface DoctorEnvironment {
  /** The workspace root (the folder holding nx.json). */
  root: string;
  env: Env;
  /** `process.version` of the Node that runs the workspace's tools, e.g. "v20.19.0". */
  nodeVersion: string;
  platform: NodeJS.Platform;
  now: Date;
  run: CommandRunner;
  fetch: Fetch;
  /** How long one HTTP request to a remote cache may take. */
  httpTimeoutMs: number;
}

export const DEFAULT_HTTP_TIMEOUT_MS = 3000;

export function systemEnvironment(root: string, overrides: Partial<DoctorEnvironment> = {}): DoctorEnvironment {
  return {
    root,
    env: process.env,
    nodeVersion: process.version,
    platform: process.platform,
    now: new Date(),
    run: runCommand,
    fetch: (url, init) => globalThis.fetch(url, init),
    httpTimeoutMs: DEFAULT_HTTP_TIMEOUT_MS,
    ...overrides,
  };
}

/** Runs a command without a shell: arguments are never interpreted. */
export const runCommand: CommandRunner = (command, args, options) =>
  new Promise((resolve) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let failure: string | undefined;
    // Our own timer rather than spawn's `timeout`, which outlives a command that failed to start.
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            failure = 'timeout';
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) => (failure ??= error.code ?? error.message));
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      failure ??= signal ?? undefined;
      resolve({ status, stdout, stderr, ...(failure ? { failure } : {}) });
    });
  });
