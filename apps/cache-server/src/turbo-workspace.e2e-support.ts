import { scratchRepository } from '@paved/scratch-repo';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface CommandResult {
  command: string;
  status: number;
  stdout: string;
  stderr: string;
}

/** The two packages; `app` depends on `lib`, so turbo builds lib first. */
export const turboPackages = ['lib', 'app'] as const;
const OUTPUT_FILE = 'dist/out.txt';
// The timestamp makes every real build distinguishable from a restored one.
const BUILD_SCRIPT = `node -e "require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('${OUTPUT_FILE}','built '+Date.now())"`;
const CACHE_DIR = '.turbo/cache';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * A throw-away npm-workspaces monorepo for the real turbo binary of this repo:
 * one cacheable `build` task with `dist/**` outputs, committed to git (turbo
 * hashes from git). Nothing is installed: the packages have no dependencies
 * outside the workspace.
 */
export class TurboWorkspace {
  private constructor(
    readonly root: string,
    private readonly turboBinary: string,
  ) {}

  static create(turboBinary: string): TurboWorkspace {
    const workspace = new TurboWorkspace(mkdtempSync(join(tmpdir(), 'paved-turbo-')), turboBinary);
    workspace.write(
      'package.json',
      json({ name: 'turbo-e2e', private: true, packageManager: 'npm@11.19.1', workspaces: ['packages/*'] }),
    );
    // Without a lockfile turbo warns that it cannot resolve the workspace; this is what npm would write.
    workspace.write(
      'package-lock.json',
      json({
        name: 'turbo-e2e',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'turbo-e2e', workspaces: ['packages/*'] },
          'packages/app': { name: 'app', version: '1.0.0', dependencies: { lib: '*' } },
          'packages/lib': { name: 'lib', version: '1.0.0' },
          'node_modules/app': { resolved: 'packages/app', link: true },
          'node_modules/lib': { resolved: 'packages/lib', link: true },
        },
      }),
    );
    workspace.write(
      'turbo.json',
      json({
        $schema: 'https://turborepo.com/schema.json',
        tasks: { build: { dependsOn: ['^build'], outputs: ['dist/**'] } },
      }),
    );
    workspace.write(
      'packages/lib/package.json',
      json({ name: 'lib', version: '1.0.0', scripts: { build: BUILD_SCRIPT } }),
    );
    workspace.write(
      'packages/app/package.json',
      json({ name: 'app', version: '1.0.0', dependencies: { lib: '*' }, scripts: { build: BUILD_SCRIPT } }),
    );
    workspace.write('.gitignore', 'node_modules\n.turbo\ndist\n');
    scratchRepository({ root: workspace.root, env: workspace.baseEnv() }).commitAll('init');
    return workspace;
  }

  /** `turbo run build` with the remote cache `env`; asynchronous, so servers in this process keep answering. */
  build(env: Record<string, string>): Promise<CommandResult> {
    const args = ['run', 'build', `--cache-dir=${CACHE_DIR}`, '--ui=stream'];
    const child = spawn(this.turboBinary, args, { cwd: this.root, env: { ...this.baseEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => {
      child.once('error', (error) =>
        resolve({ command: `turbo ${args.join(' ')}`, status: 127, stdout, stderr: stderr + String(error) }),
      );
      child.once('close', (code) => resolve({ command: `turbo ${args.join(' ')}`, status: code ?? 1, stdout, stderr }));
    });
  }

  /** Deletes the local cache and every output, so the next build can only be served by the remote cache. */
  clearLocalState(): void {
    rmSync(join(this.root, '.turbo'), { recursive: true, force: true });
    for (const name of turboPackages) {
      rmSync(join(this.root, 'packages', name, 'dist'), { recursive: true, force: true });
      rmSync(join(this.root, 'packages', name, '.turbo'), { recursive: true, force: true });
    }
  }

  /** Each package's build output, by package name. */
  outputs(): Record<string, string> {
    return Object.fromEntries(
      turboPackages.map((name) => [name, readFileSync(join(this.root, 'packages', name, OUTPUT_FILE), 'utf-8')]),
    );
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private write(relative: string, content: string): void {
    const target = join(this.root, relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }

  /** The test process's environment without anything that would steer turbo or git elsewhere. */
  private baseEnv(): NodeJS.ProcessEnv {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('TURBO_') && !key.startsWith('GIT_')),
    );
    return { ...inherited, TURBO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  }
}
