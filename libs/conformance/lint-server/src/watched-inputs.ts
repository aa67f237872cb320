import fs, { statSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, relative, sep } from 'node:path';
import { cachedProjectGraphFile } from './project-graph';

/**
 * Files that decide a lint verdict without being linted: ESLint's config and what it imports, the
 * policy the boundary rule is derived from, the installed versions, and the project graph Nx
 * cached for the boundary rule. Listed even when absent: a config file that appears counts too.
 */
const decidingFiles = [
  ...['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((extension) => `eslint.config.${extension}`),
  'paved.json',
  'package.json',
  'pnpm-lock.yaml',
  'package-lock.json',
  'yarn.lock',
  'nx.json',
  'tsconfig.base.json',
  'tsconfig.json',
];

function signature(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'absent';
  }
}

/**
 * What a warm lint process has read, to know when its cached config, plugins or graph are out of
 * date: the deciding files, plus every workspace file read while it ran (a local plugin, a shared
 * config module, libraries a TypeScript config imports), except the files it was asked to lint.
 */
export class WatchedInputs {
  private readonly signatures = new Map<string, string>();
  private readonly linted = new Set<string>();

  constructor(
    private readonly root: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const graphFile = cachedProjectGraphFile(root, env);
    for (const path of [...decidingFiles.map((file) => join(root, file)), graphFile]) {
      this.signatures.set(path, signature(path));
    }
  }

  /** Watches a file read from the workspace (outside node_modules: the lockfile stands for those). */
  watch(path: string): void {
    if (this.signatures.has(path) || this.linted.has(path)) return;
    const inside = relative(this.root, path);
    if (inside.startsWith('..') || inside.split(sep).includes('node_modules')) return;
    this.signatures.set(path, signature(path));
  }

  /**
   * Files named in lint requests: their content is the input, read afresh each time, so reading
   * them says nothing about the config. A file already watched (eslint.config.ts staged) stays so.
   */
  ignore(paths: readonly string[]): void {
    for (const path of paths) if (!this.signatures.has(path)) this.linted.add(path);
  }

  /** The first watched file that changed since it was read, as a workspace path. */
  changed(): string | undefined {
    for (const [path, seen] of this.signatures) if (signature(path) !== seen) return relative(this.root, path);
    return undefined;
  }

  get size(): number {
    return this.signatures.size;
  }

  /**
   * Watches every file this process reads from now on. ESLint loads TypeScript configs through
   * jiti without Node's module cache, so reads are the one place every imported file shows up.
   */
  watchReads(): void {
    const pathOf = (file: unknown) =>
      typeof file === 'string' ? file : file instanceof URL && file.protocol === 'file:' ? file.pathname : undefined;
    const readFileSync = fs.readFileSync;
    const readFile = fs.promises.readFile;
    const onRead = (file: unknown) => {
      const path = pathOf(file);
      if (path !== undefined) this.watch(path);
    };
    fs.readFileSync = function (this: unknown, file: unknown, ...rest: unknown[]) {
      onRead(file);
      return Reflect.apply(readFileSync, this, [file, ...rest]);
    } as typeof fs.readFileSync;
    fs.promises.readFile = function (this: unknown, file: unknown, ...rest: unknown[]) {
      onRead(file);
      return Reflect.apply(readFile, this, [file, ...rest]);
    } as typeof fs.promises.readFile;
    // ES modules that import { readFileSync } from 'node:fs' see the wrapper too.
    syncBuiltinESMExports();
  }
}
