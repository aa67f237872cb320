import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scratchRepository, type ScratchRepository } from '@paved/scratch-repo';
import { lintStagedWithSecretScan, scratchFiles, type ScratchPolicy } from './scratch-files';

export interface RunResult {
  command: string;
  status: number;
  stdout: string;
  stderr: string;
}

export interface RunningService {
  url: string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface ScratchOptions {
  /** A workspace whose node_modules already holds nx, @paved/nx and the toolchain. */
  toolchainRoot: string;
  policy?: ScratchPolicy;
  /** Folder to create the workspace in; a fresh temp folder by default. */
  parentDir?: string;
}

/**
 * A throw-away Nx workspace wired to Paved, for end-to-end tests and the demo.
 * It installs nothing: node_modules is a link to an existing install, so it
 * works offline and in seconds.
 */
export class ScratchWorkspace {
  private constructor(
    readonly root: string,
    private readonly repository: ScratchRepository,
  ) {}

  static create(options: ScratchOptions): ScratchWorkspace {
    const root = mkdtempSync(join(options.parentDir ?? tmpdir(), 'paved-scratch-'));
    const workspace = new ScratchWorkspace(root, scratchRepository({ root, env: workspaceEnv(root) }));
    const toolchain = JSON.parse(readFileSync(join(options.toolchainRoot, 'package.json'), 'utf-8'));
    for (const [path, content] of Object.entries(scratchFiles(options.policy, toolchain.devDependencies))) {
      workspace.write(path, content);
    }
    symlinkSync(join(options.toolchainRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    // Nx learns the versions of external packages (eslint, vitest, ...) from the lockfile.
    const lockfile = join(options.toolchainRoot, 'pnpm-lock.yaml');
    if (existsSync(lockfile)) copyFileSync(lockfile, join(root, 'pnpm-lock.yaml'));
    return workspace;
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  write(relative: string, content: string): void {
    const target = this.path(relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }

  read(relative: string): string {
    return readFileSync(this.path(relative), 'utf-8');
  }

  /** The lines tasks appended to a log file since the last call, sorted (none if it does not exist); empties it. */
  takeLines(relative: string): string[] {
    if (!existsSync(this.path(relative))) return [];
    const log = this.read(relative);
    this.write(relative, '');
    return log.split('\n').filter(Boolean).sort();
  }

  /** Runs a binary from the linked node_modules/.bin (or PATH) in the workspace. */
  run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): RunResult {
    const result = spawnSync(command, args, {
      cwd: this.root,
      encoding: 'utf-8',
      env: this.env(env),
      maxBuffer: 64 * 1024 * 1024,
    });
    return {
      command: [command, ...args].join(' '),
      status: result.status ?? (result.error ? 127 : 1),
      stdout: result.stdout ?? '',
      stderr: (result.stderr ?? '') + (result.error ? String(result.error) : ''),
    };
  }

  /** Like run, but throws with the full output when the command fails. */
  runOk(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): RunResult {
    const result = this.run(command, args, env);
    if (result.status !== 0) {
      throw new Error(`\`${result.command}\` exited ${result.status}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }

  nx(args: readonly string[], env: NodeJS.ProcessEnv = {}): RunResult {
    return this.run('nx', args, env);
  }

  /** `nx g @paved/nx:project <args>`, never prompting. */
  generateProject(...args: string[]): RunResult {
    return this.nx(['g', '@paved/nx:project', ...args, '--no-interactive']);
  }

  git(...args: string[]): string {
    return this.runOk('git', args).stdout;
  }

  /**
   * Installs the husky hook with the secret scan in lint-staged (`scanCommand` is what the hook
   * runs, e.g. the paved CLI through tsx) and, given one, `lintCommand` for the staged code files
   * instead of ESLint's CLI. Call after the first commit.
   */
  installSecretScanHook(scanCommand: string, lintCommand?: string): void {
    rmSync(this.path('.lintstagedrc.json'), { force: true });
    this.write('.lintstagedrc.mjs', lintStagedWithSecretScan({ scan: scanCommand, lint: lintCommand }));
    this.commitAll('lint-staged with the secret scan');
    this.runOk('husky', []);
  }

  commitAll(message: string): void {
    this.repository.commitAll(message);
  }

  /**
   * Starts a built Node service and resolves once it prints the URL it listens on
   * (the node-service template's "listening on <url>" line).
   */
  startService(script: string, timeoutMs = 15_000): Promise<RunningService> {
    const child = spawn(process.execPath, [this.path(script)], {
      cwd: this.root,
      env: this.env({ PORT: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${script} did not report a URL within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve({
            url,
            stop: () =>
              new Promise<number | null>((done) => {
                child.once('exit', (code) => done(code));
                child.kill('SIGTERM');
              }),
          });
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited ${code} before listening:\n${output}`));
      });
    });
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private env(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    // Nx's default starts one worker process per plugin on every command (about 5 s of CPU here, of
    // which 2 s is left in-process). A test rig runs hundreds of commands; the adoption e2e's foreign
    // workspaces keep Nx's default, so the isolated loading users get is proven there.
    return workspaceEnv(this.root, { NX_ISOLATE_PLUGINS: 'false', ...overrides });
  }
}

/**
 * The environment for running tools in a throw-away workspace at `root`: the caller's, minus
 * what ties it to the Nx task (or tsx) that launched it, with the workspace's node_modules/.bin
 * first on PATH and Nx kept self-contained (no daemon, no cloud, a cache inside the workspace).
 */
export function workspaceEnv(root: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // Nx reads NX_* variables, and a parent started by tsx leaves `_` pointing at tsx, which makes Nx skip
  // registering its TS transpiler.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== '_' && !key.startsWith('NX_') && key !== 'GIT_DIR'),
  );
  return {
    ...inherited,
    PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_CACHE_DIRECTORY: join(root, '.nx', 'cache'),
    NX_TUI: 'false',
    NX_INTERACTIVE: 'false',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    ...overrides,
  };
}
