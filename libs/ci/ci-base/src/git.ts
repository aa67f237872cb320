import { spawnSync } from 'node:child_process';

/** One git command's outcome: whether it succeeded, and its trimmed output and error. */
export type Git = (...args: string[]) => { ok: boolean; out: string; err: string };

export function runGit(cwd: string, args: readonly string[]) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: (result.stderr ?? '').trim() };
}

/** A git runner for one checkout. */
export function gitIn(cwd: string): Git {
  return (...args) => {
    const result = runGit(cwd, args);
    return { ok: result.ok, out: result.stdout.trim(), err: result.stderr };
  };
}
