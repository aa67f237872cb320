import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Who commits in a scratch repository: set in the repository, so no test needs the machine's git identity. */
export const SCRATCH_IDENTITY = { name: 'Paved Scratch', email: 'scratch@paved.invalid' } as const;

export interface ScratchRepository {
  readonly root: string;
  /** Runs git in the repository and gives its standard output; a failing command throws with git's message. */
  git(...args: string[]): string;
  /** Stages everything and commits it; hooks do not run. */
  commitAll(message: string): void;
}

export interface ScratchRepositoryOptions {
  /** The folder to make a repository of; a new temporary folder named `paved-<prefix>-…` when absent. */
  root?: string;
  prefix?: string;
  /**
   * The environment git runs in (a test's isolated HOME, say). By default this process's without
   * its GIT_* variables: a spec run from a git hook inherits GIT_DIR and GIT_INDEX_FILE, which
   * would point every command at the outer repository.
   */
  env?: NodeJS.ProcessEnv;
}

/**
 * A real git repository on branch `main`, with the scratch identity and commit signing off in its
 * own config, so commits behave the same on a developer's machine (signing hooks, no identity) and in CI.
 */
export function scratchRepository(options: ScratchRepositoryOptions = {}): ScratchRepository {
  const root = options.root ?? mkdtempSync(join(tmpdir(), `paved-${options.prefix ?? 'repo'}-`));
  const env = options.env ?? Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, env, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', SCRATCH_IDENTITY.email);
  git('config', 'user.name', SCRATCH_IDENTITY.name);
  git('config', 'commit.gpgsign', 'false');
  return {
    root,
    git,
    commitAll(message) {
      git('add', '-A');
      git('commit', '-q', '--no-verify', '-m', message);
    },
  };
}
