import { workspaceEnv, type RunResult } from '@paved/scratch';
import { scratchRepository } from '@paved/scratch-repo';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Runs a command to its end without blocking the event loop (other workspaces install meanwhile). */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => (stderr += String(error)));
    child.once('close', (code) =>
      resolve({ command: [command, ...args].join(' '), status: code ?? 1, stdout, stderr }),
    );
  });
}

/** The result, or an error carrying the command's whole output. */
export function expectSuccess(result: RunResult): RunResult {
  if (result.status !== 0) {
    throw new Error(`\`${result.command}\` exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/**
 * The folder of the `pnpm` binary of `version`, fetched once with npx (from its cache when warm):
 * every command then runs `pnpm` from PATH, as on a developer's machine, instead of paying npx's
 * registry round trip each time.
 */
export async function findPnpm(version: string, cwd: string): Promise<string> {
  const found = await runCommand('npx', ['-y', '-p', `pnpm@${version}`, '-c', 'command -v pnpm'], {
    cwd,
    env: process.env,
  });
  return dirname(expectSuccess(found).stdout.trim());
}

/**
 * The registry as it stood at this moment, for every package but Paved's own. A foreign workspace
 * resolves its packages fresh (`nx add`, `pnpm add`), so a release published since can break it
 * for reasons of its own: on 2026-12-04 the registry served @babel/helper-create-class-features-plugin
 * 7.29.17 (published 2026-12-02), whose @babel/helper-annotate-as-pure ^7.29.17 it did not have,
 * and every fresh install of @nx/js 23 failed. pnpm's minimum-release-age holds the resolution to
 * versions published before this date; Paved's packages, published to the local registry during
 * the run, are exempt. Move it forward when a test needs a newer release.
 */
const REGISTRY_AS_OF = '2026-11-30T00:00:00Z';

function registryConfig(registry: string): string {
  const minutesSince = Math.ceil((Date.now() - Date.parse(REGISTRY_AS_OF)) / 60_000);
  return [
    `registry=${registry}`,
    `minimum-release-age=${minutesSince}`,
    'minimum-release-age-exclude[]=@paved/*',
    '',
  ].join('\n');
}

/**
 * A workspace in the OS temp folder that never saw this repository: its own files, its own
 * registry (.npmrc), a real `pnpm install` into its own node_modules, and an npm user config of
 * its own, so nothing of the developer's ~/.npmrc (a scope registry, a token) takes part.
 */
export class ForeignWorkspace {
  private constructor(
    readonly root: string,
    private readonly pnpmBinDir: string,
  ) {}

  /**
   * `files` by relative path; objects are written as JSON. Also a scratch git repository and a first commit.
   * `pnpmBinDir` holds the `pnpm` the host runs (`findPnpm`).
   */
  static async create(
    name: string,
    options: { registry: string; pnpmBinDir: string; files: Record<string, string | object> },
  ): Promise<ForeignWorkspace> {
    const root = realpathSync(mkdtempSync(join(tmpdir(), `paved-${name}-`)));
    const workspace = new ForeignWorkspace(root, options.pnpmBinDir);
    workspace.write('.npmrc', registryConfig(options.registry));
    // pnpm's update check would ask the registry about pnpm itself on every command.
    workspace.write('.npm-user-config', 'update-notifier=false\n');
    workspace.write('.gitignore', 'node_modules\n.nx\n.npm-user-config\n');
    for (const [path, content] of Object.entries(options.files)) workspace.write(path, content);
    scratchRepository({ root, env: workspace.env() });
    await workspace.commitAll('the workspace before Paved');
    return workspace;
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  write(relative: string, content: string | object): void {
    mkdirSync(dirname(this.path(relative)), { recursive: true });
    writeFileSync(this.path(relative), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }

  read(relative: string): string {
    return readFileSync(this.path(relative), 'utf-8');
  }

  json<T = Record<string, unknown>>(relative: string): T {
    return JSON.parse(this.read(relative)) as T;
  }

  /** The host's package manager as its users run it: `pnpm` on PATH, never this repository's install. */
  pnpm(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return this.run('pnpm', args, env);
  }

  /** `pnpm exec nx …`: nx shells out to the package manager (nx add runs `pnpm add`), which must be on PATH. */
  nx(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return this.pnpm(['exec', 'nx', ...args], env);
  }

  /** Commits everything; `--no-verify` unless `verify`, which runs the hooks as \`git commit\` does. */
  async commit(message: string, options: { verify?: boolean } = {}): Promise<RunResult> {
    await this.runOk('git', ['add', '-A']);
    return this.run('git', ['commit', '-q', ...(options.verify ? [] : ['--no-verify']), '-m', message]);
  }

  async commitAll(message: string): Promise<void> {
    expectSuccess(await this.commit(message));
  }

  run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return runCommand(command, args, { cwd: this.root, env: this.env(env) });
  }

  async runOk(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return expectSuccess(await this.run(command, args, env));
  }

  /**
   * The host's node_modules/.bin, then its pnpm, first on PATH; its own npm user config. The
   * `npm_*` variables a package-manager script exports (`pnpm test` sets npm_config_registry, for
   * one) outrank the workspace's .npmrc, so a developer's shell never has them and neither does this.
   */
  env(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const outsidePackageManagerScript = Object.fromEntries(
      Object.entries(workspaceEnv(this.root)).filter(([key]) => !/^npm_/i.test(key)),
    );
    return {
      ...outsidePackageManagerScript,
      PATH: `${join(this.root, 'node_modules', '.bin')}:${this.pnpmBinDir}:${process.env.PATH ?? ''}`,
      npm_config_userconfig: this.path('.npm-user-config'),
      ...overrides,
    };
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
