#!/usr/bin/env node
/**
 * Runs the paved CLI from an esbuild bundle cached in node_modules/.cache/paved-cli, rebuilt
 * whenever a source it is made of changed. Why: through tsx every run spends about half a second
 * transpiling and loading TypeScript, and the pre-commit hook runs `paved scan secrets --staged`
 * on every commit; the bundle starts in about a tenth of that. The first run after a change
 * builds (one to two seconds); `pnpm paved` (tsx) stays the way to run it while developing it.
 */
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const entry = join(workspaceRoot, 'tools', 'cli', 'src', 'main.ts');

/** Every file a bundle can be made of, with its size and modification time: the cache key. */
function sourceStamp() {
  const hash = createHash('sha256');
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'fixtures' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(?:ts|json)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) {
        const { size, mtimeMs } = statSync(path);
        hash.update(`${path}\0${size}\0${mtimeMs}\n`);
      }
    }
  };
  visit(join(workspaceRoot, 'tools', 'cli', 'src'));
  visit(join(workspaceRoot, 'libs'));
  for (const file of ['pnpm-lock.yaml', 'tsconfig.base.json']) {
    const { size, mtimeMs } = statSync(join(workspaceRoot, file));
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

const cacheDir = join(workspaceRoot, 'node_modules', '.cache', 'paved-cli');
const bundle = join(cacheDir, `paved-${sourceStamp()}.cjs`);
if (!existsSync(bundle)) {
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${bundle}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [entry],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: join(workspaceRoot, 'tsconfig.base.json'),
    // Loaded only by `paved check`, from the workspace's own install, as in the cli:build bundle.
    external: ['@nx/devkit', 'nx'],
    logLevel: 'error',
  });
  // A rename is atomic: two commits building at once never run a half-written bundle.
  renameSync(partial, bundle);
  for (const stale of readdirSync(cacheDir)) {
    if (stale.endsWith('.cjs') && join(cacheDir, stale) !== bundle) rmSync(join(cacheDir, stale), { force: true });
  }
}
createRequire(import.meta.url)(bundle);
