import { PavedError, type Problem } from '@paved/errors';
import { build, type BuildFailure, type Message, type Metafile, type Plugin } from 'esbuild';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, posix, resolve } from 'node:path';
import { type BundleEntry } from './layout';

export interface BundleOptions {
  workspaceRoot: string;
  /** Absolute folder the package is assembled in. */
  outDir: string;
  entries: readonly BundleEntry[];
  /** Import paths starting with this are the workspace's own libraries, bundled in (`@paved/`). */
  internalPrefix: string;
  /** esbuild target, e.g. `node20.19`. */
  target: string;
  /** Workspace-relative tsconfig that maps the internal import paths. */
  tsconfig?: string;
  /** Plugins that resolve before the package's own rules (e.g. a sibling file for a lazily loaded SDK). */
  plugins?: Plugin[];
}

/**
 * Builds every entry as a CommonJS bundle: the workspace's own libraries inlined, every
 * third-party package and Node builtin left as a `require`, and an import of another entry
 * left as a `require` of that entry's bundle (so the plugin index does not carry a second copy
 * of a generator). Returns esbuild's metafile, paths relative to the workspace root.
 */
export async function bundleEntries(options: BundleOptions): Promise<Metafile> {
  const merged: Metafile = { inputs: {}, outputs: {} };
  // esbuild gives every output of one build the same extension: one build per extension.
  for (const extension of new Set(options.entries.map((entry) => extname(entry.output)))) {
    const entries = options.entries.filter((entry) => extname(entry.output) === extension);
    const metafile = await buildGroup(options, entries, extension);
    Object.assign(merged.inputs, metafile.inputs);
    Object.assign(merged.outputs, metafile.outputs);
  }
  for (const entry of options.entries) {
    if (entry.shebang) setShebang(join(options.outDir, entry.output), entry.shebang);
  }
  return merged;
}

async function buildGroup(options: BundleOptions, entries: readonly BundleEntry[], extension: string) {
  try {
    const result = await build({
      absWorkingDir: options.workspaceRoot,
      entryPoints: entries.map((entry) => ({ in: entry.source, out: entry.output.slice(0, -extension.length) })),
      outdir: options.outDir,
      outExtension: { '.js': extension },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: options.target,
      tsconfig: options.tsconfig,
      metafile: true,
      logLevel: 'silent',
      plugins: [...(options.plugins ?? []), entryReferences(options), thirdPartyExternal(options.internalPrefix)],
    });
    // A warning here (import.meta in CommonJS, a require esbuild cannot follow) is a broken bundle.
    if (result.warnings.length > 0) throw buildProblems(result.warnings);
    return result.metafile;
  } catch (error) {
    if (isBuildFailure(error)) throw buildProblems([...error.errors, ...error.warnings]);
    throw error;
  }
}

function entryReferences(options: BundleOptions): Plugin {
  const outputBySource = new Map(
    options.entries.map((entry) => [resolve(options.workspaceRoot, entry.source), entry.output]),
  );
  return {
    name: 'paved-entry-references',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        const importerOutput = outputBySource.get(args.importer);
        if (!importerOutput || args.pluginData === 'paved-entry-references') return undefined;
        const resolved = await build.resolve(args.path, {
          importer: args.importer,
          resolveDir: args.resolveDir,
          kind: args.kind,
          pluginData: 'paved-entry-references',
        });
        const targetOutput = outputBySource.get(resolved.path);
        if (resolved.errors.length > 0 || !targetOutput || targetOutput === importerOutput) return undefined;
        const path = posix.relative(posix.dirname(importerOutput), targetOutput);
        return { path: path.startsWith('.') ? path : `./${path}`, external: true };
      });
    },
  };
}

function thirdPartyExternal(internalPrefix: string): Plugin {
  return {
    name: 'paved-third-party-external',
    setup(build) {
      // Bare specifiers: packages and builtins. Relative and absolute paths are bundled.
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        args.path.startsWith(internalPrefix) ? undefined : { path: args.path, external: true },
      );
    },
  };
}

/** Replaces a `#!` line the source may carry (esbuild keeps it) with the entry's own. */
function setShebang(file: string, shebang: string): void {
  const code = readFileSync(file, 'utf-8');
  writeFileSync(file, `${shebang}\n${code.startsWith('#!') ? code.slice(code.indexOf('\n') + 1) : code}`);
  chmodSync(file, 0o755);
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

function buildProblems(messages: readonly Message[]): PavedError {
  return new PavedError(
    messages.map((message): Problem => ({
      code: 'PAVED-901',
      file: message.location ? `${message.location.file}:${message.location.line}` : undefined,
      message: message.text,
      hint: message.notes.map((note) => note.text).join(' ') || undefined,
    })),
  );
}
