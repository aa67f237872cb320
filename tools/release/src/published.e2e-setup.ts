import { workspaceEnv, type RunResult } from '@paved/scratch';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { expectSuccess, findPnpm, runCommand } from './foreign-workspace.e2e-support';
import { startLocalRegistry } from './local-registry.e2e-support';

/** What every release e2e file gets: the packages packed once and published once to one local registry. */
export interface Published {
  registryUrl: string;
  /** The folder of the `pnpm` binary the hosts run (as on a developer's machine: on PATH). */
  pnpmBinDir: string;
  pnpmVersion: string;
  /** `changeset publish`, as it ran. */
  publish: RunResult;
  /** `git status` and the @paved/* tags before anything ran, to prove the release leaves the repository as it was. */
  repoStateBefore: string;
  scratch: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    published: Published;
  }
}

const repoRoot = join(__dirname, '..', '..', '..');

/** In this repository, with pnpm on PATH (as `pnpm release:pack` and `pnpm changeset publish` run). */
export function runInRepo(
  pnpmBinDir: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  const base = workspaceEnv(repoRoot);
  return runCommand(command, args, { cwd: repoRoot, env: { ...base, PATH: `${pnpmBinDir}:${base.PATH}`, ...env } });
}

export async function repoState(pnpmBinDir: string): Promise<string> {
  return [
    (await runInRepo(pnpmBinDir, 'git', ['status', '--porcelain'])).stdout,
    (await runInRepo(pnpmBinDir, 'git', ['tag', '--list', '@paved/*'])).stdout,
  ].join('\n--tags--\n');
}

/**
 * `pnpm release:pack` builds the two tarballs and `changeset publish` publishes them to a real
 * Verdaccio, pointed at it by registry settings alone (the real publishing path): once, for
 * every e2e file of the release project.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf-8'));
  const pnpmVersion = String(rootManifest.packageManager).replace(/^pnpm@/, '');
  const pnpmBinDir = await findPnpm(pnpmVersion, repoRoot);
  const repoStateBefore = await repoState(pnpmBinDir);
  const scratch = mkdtempSync(join(tmpdir(), 'paved-release-e2e-'));
  expectSuccess(await runInRepo(pnpmBinDir, 'pnpm', ['release:pack']));
  const registry = await startLocalRegistry(join(scratch, 'registry'), repoRoot);
  const publisherConfig = registry.writeNpmrc(join(scratch, 'publisher.npmrc'), await registry.addUser('publisher'));
  // changesets hands npm_config_registry to `npm info` and to the `pnpm publish` it runs in each package
  // (which uploads publishConfig.directory). No git tags here.
  const publish = await runInRepo(pnpmBinDir, 'pnpm', ['exec', 'changeset', 'publish', '--no-git-tag'], {
    npm_config_registry: registry.url,
    npm_config_userconfig: publisherConfig,
  });
  if (publish.status !== 0) {
    await registry.stop();
    throw new Error(`changeset publish failed:\n${publish.stdout}\n${publish.stderr}\n${registry.output()}`);
  }
  project.provide('published', {
    registryUrl: registry.url,
    pnpmBinDir,
    pnpmVersion,
    publish,
    repoStateBefore,
    scratch,
  });
  return async () => {
    await registry.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
