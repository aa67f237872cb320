import { statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import { ensureCachedProjectGraph } from './project-graph';
import { lintSocketPath, readMessage, startingMarker, type ClientMessage, type ServerMessage } from './socket';
import { eslintFailed, WorkspaceLinter, type LintOutcome } from './workspace-linter';

export interface LintFilesOptions {
  root: string;
  /** Absolute, or relative to `cwd`. */
  files: readonly string[];
  fix: boolean;
  cwd?: string;
  /**
   * Use the warm server, and start one when there is none (default true). False lints in this
   * process only: CI, or `PAVED_LINT_SERVER=off`.
   */
  warm?: boolean;
  /** Starts a detached server for `root` (the CLI runs itself as `paved lint --serve`). */
  startServer?: () => void;
}

export interface LintFilesResult extends LintOutcome {
  /** Who linted: the warm server, or this process (no server yet, or it was out of date). */
  linter: 'warm server' | 'this process';
  /** Why this process linted although a warm server was wanted. */
  reason?: string;
  /** Nx had no cached project graph, so one was built first (ensureCachedProjectGraph). */
  builtProjectGraph: boolean;
}

/**
 * Lints files with the workspace's ESLint: through the warm server when one is running and up to
 * date, else in this process, exactly as `eslint --fix --no-warn-ignored <files>` does (and then a
 * server is started for the next commit). Either way the verdict is the same ESLint's.
 */
export async function lintFiles(options: LintFilesOptions): Promise<LintFilesResult> {
  const files = options.files.map((file) => resolve(options.cwd ?? process.cwd(), file));
  if (files.length === 0) {
    return { output: '', errorCount: 0, warningCount: 0, linter: 'this process', builtProjectGraph: false };
  }
  const builtProjectGraph = await ensureCachedProjectGraph(options.root);
  let socketPath: string | undefined;
  let reason: string | undefined;
  if (options.warm ?? true) {
    try {
      socketPath = lintSocketPath(options.root);
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
  }
  if (socketPath !== undefined) {
    const answer = await ask(socketPath, { type: 'lint', files, fix: options.fix });
    if (answer.type === 'linted') {
      const { output, errorCount, warningCount } = answer;
      return { output, errorCount, warningCount, linter: 'warm server', builtProjectGraph };
    }
    if (answer.type === 'failed') throw eslintFailed(answer.message);
    reason = answer.type === 'stale' ? `${answer.changed} changed` : 'no warm server was running';
  }
  const outcome = await new WorkspaceLinter(options.root).lint({ files, fix: options.fix }).catch((error: unknown) => {
    throw eslintFailed(error);
  });
  // Started after linting: on a small machine a warming server would slow this commit down.
  if (socketPath !== undefined && !isStarting(socketPath)) options.startServer?.();
  return { ...outcome, linter: 'this process', builtProjectGraph, ...(reason && { reason }) };
}

/** Stops the workspace's warm server; false when none was running. */
export async function stopLintServer(root: string): Promise<boolean> {
  return (await ask(lintSocketPath(root), { type: 'stop' })).type === 'stopping';
}

/** A server is warming up (its marker is younger than a warm-up can take): do not start another. */
function isStarting(socketPath: string): boolean {
  try {
    return Date.now() - statSync(startingMarker(socketPath)).mtimeMs < 120_000;
  } catch {
    return false;
  }
}

type Answer = ServerMessage | { type: 'unreachable' };

function ask(socketPath: string, message: ClientMessage): Promise<Answer> {
  return new Promise((done) => {
    let settled = false;
    const settle = (answer: Answer) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      done(answer);
    };
    const socket = createConnection(socketPath);
    socket.once('error', () => settle({ type: 'unreachable' }));
    socket.once('close', () => settle({ type: 'unreachable' }));
    socket.once('connect', () => socket.write(`${JSON.stringify(message)}\n`));
    readMessage(socket, (answer) => settle(answer as ServerMessage));
  });
}
