import { PavedError } from '@paved/errors';
import { MAX_MANIFEST_BYTES, readRegularTextOr } from '@paved/repo-files';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkspaceGlobs } from './workspace-globs';

/** The parts of a workspace package's package.json the license policy reads. */
export interface WorkspaceManifest {
  /** package.json path relative to the workspace root. */
  file: string;
  name: string;
  private: boolean;
  license?: unknown;
}

/**
 * The folders of the workspace: the root, and every folder with a package.json that the
 * workspace globs match: pnpm-workspace.yaml `packages`, else package.json `workspaces`
 * (npm, yarn; a list or `{ "packages": [...] }`). `*` is one folder level, `**` any depth,
 * `!pattern` excludes; node_modules is skipped. Read from the globs, not the lockfile, which
 * may be stale. A single-package repository is its root alone.
 */
export function listWorkspaceDirs(root: string): string[] {
  const patterns = workspacePatterns(root);
  const include = patterns.filter((p) => !p.startsWith('!')).map(segmentsOf);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => segmentsOf(p.slice(1)));
  const found = new Set<string>(['.']);
  const walk = (relative: string[]) => {
    const dir = join(root, ...relative);
    if (relative.length > 0 && existsSync(join(dir, 'package.json'))) {
      const matches = (pattern: string[]) => matchSegments(pattern, relative);
      if (include.some(matches) && !exclude.some(matches)) found.add(relative.join('/'));
    }
    if (!include.some((pattern) => couldMatchBelow(pattern, relative))) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        walk([...relative, entry.name]);
      }
    }
  };
  walk([]);
  return [...found].sort();
}

const segmentsOf = (pattern: string): string[] =>
  pattern
    .replace(/^\.\//, '')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.');

/** A manifest is read only as a regular file under the limit; anything else fails the scan (PAVED-602). */
function manifestText(path: string, shownAs: string): string {
  return readRegularTextOr(path, MAX_MANIFEST_BYTES, ({ reason }) => {
    throw new PavedError({
      code: 'PAVED-602',
      file: shownAs,
      message: reason,
      expected: `a regular file of at most ${MAX_MANIFEST_BYTES} bytes`,
    });
  });
}

/** The workspace globs; a malformed declaration fails the scan (PAVED-602) rather than narrowing it. */
function workspacePatterns(root: string): string[] {
  const { globs, problem } = readWorkspaceGlobs((file) => {
    const path = join(root, file);
    if (file === 'package.json') return readRegularTextOr(path, MAX_MANIFEST_BYTES, () => undefined);
    return existsSync(path) ? manifestText(path, file) : undefined;
  });
  if (problem) throw new PavedError({ code: 'PAVED-602', ...problem });
  return globs ?? [];
}

/** Whether folder segments match pattern segments; `**` matches any number of folders. */
function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length === 0) return path.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') return path.some((_, index) => matchSegments(rest, path.slice(index))) || matchSegments(rest, []);
  return path.length > 0 && wildcardMatch(head, path[0]) && matchSegments(rest, path.slice(1));
}

/** Whether some folder below `path` may still match: prunes the walk. */
function couldMatchBelow(pattern: readonly string[], path: readonly string[]): boolean {
  for (let index = 0; index < path.length; index += 1) {
    if (index >= pattern.length) return false;
    if (pattern[index] === '**') return true;
    if (!wildcardMatch(pattern[index], path[index])) return false;
  }
  return pattern.length > path.length;
}

/** `*` in a folder name matches any run of characters (pnpm-workspace.yaml globs need nothing more). */
function wildcardMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  if (!name.startsWith(parts[0]) || !name.endsWith(parts[parts.length - 1])) return false;
  let position = parts[0].length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, position);
    if (found === -1) return false;
    position = found + part.length;
  }
  return position <= name.length - parts[parts.length - 1].length;
}

/** Reads package.json of every workspace folder ("." being the root). */
export function readWorkspaceManifests(root: string, dirs: readonly string[]): WorkspaceManifest[] {
  return dirs.map((dir) => {
    const file = dir === '.' ? 'package.json' : `${dir}/package.json`;
    let manifest: { name?: unknown; private?: unknown; license?: unknown };
    try {
      manifest = JSON.parse(manifestText(join(root, file), file));
    } catch (error) {
      throw new PavedError({
        code: 'PAVED-602',
        file,
        message: `cannot read the workspace package: ${(error as Error).message}`,
      });
    }
    return {
      file,
      name: typeof manifest.name === 'string' ? manifest.name : dir,
      private: manifest.private === true,
      license: manifest.license,
    };
  });
}
