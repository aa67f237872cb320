/**
 * The changeset gate: a pull request that changes what a publishable package ships must carry a
 * changeset naming that package (`pnpm changeset`), or an empty one saying no release is needed
 * (`pnpm changeset add --empty`). Tests and docs are not what a package ships, so they need none.
 */
import { gitOutput, readWorkspaceJson } from '@paved/ci-base';
import { MAX_MANIFEST_BYTES, readRegularTextOr } from '@paved/repo-files';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface GateRequest {
  root: string;
  base: string;
  head: string;
}

export interface UncoveredPackage {
  name: string;
  /** The package's folder, relative to the root. */
  folder: string;
  /** The changed files that ship in it (a few, for the report). */
  files: string[];
}

export interface GateResult {
  /** Changeset files the change adds or edits. */
  changesets: string[];
  /** An empty changeset (no packages) is there: nothing needs releasing, on purpose. */
  empty: boolean;
  /** Publishable packages the change touches, by name. */
  changed: string[];
  /** Those of them no changeset names. */
  uncovered: UncoveredPackage[];
}

const git = gitOutput;

/** Files a package does not ship, by their path inside it: tests, fixtures of tests, and documentation. */
const notShipped = [
  /(^|\/)[^/]+\.(spec|test)\.[cm]?[jt]sx?$/,
  /(^|\/)(__tests__|__mocks__|test|tests|e2e)\//,
  /(^|\/)vitest\.[^/]*config\.[cm]?[jt]s$/,
  /(^|\/)jest\.config\.[cm]?[jt]s$/,
  /\.mdx?$/,
  /(^|\/)docs\//,
];

/** The package names and bumps a changeset's front matter lists (`"@acme/ui": minor`). */
export function packagesOfChangeset(text: string): string[] {
  const front = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text.replace(/^\uFEFF/, ''));
  if (!front) return [];
  return front[1]
    .split(/\r?\n/)
    .map((line) => /^\s*(["']?)([^"':\s][^"':]*)\1\s*:\s*(major|minor|patch|none)\s*$/.exec(line)?.[2])
    .filter((name): name is string => name !== undefined);
}

interface PackageInfo {
  name: string;
  folder: string;
  publishable: boolean;
}

/** The package a file belongs to: its nearest package.json below the root (the root's own is no package here). */
function packageOf(root: string, file: string, cache: Map<string, PackageInfo | undefined>): PackageInfo | undefined {
  for (let folder = dirname(file); folder !== '.' && folder !== '/' && folder !== ''; folder = dirname(folder)) {
    if (cache.has(folder)) return cache.get(folder);
    const manifest = join(root, folder, 'package.json');
    if (existsSync(manifest)) {
      const parsed = readWorkspaceJson(manifest) as { name?: unknown; private?: unknown } | undefined;
      const info =
        typeof parsed?.name === 'string'
          ? { name: parsed.name, folder, publishable: parsed.private !== true }
          : undefined;
      cache.set(folder, info);
      return info;
    }
  }
  return undefined;
}

/** Packages changesets is told to leave alone (`ignore` in .changeset/config.json). */
function ignoredPackages(root: string): Set<string> {
  const config = readWorkspaceJson(join(root, '.changeset', 'config.json')) as { ignore?: unknown } | undefined;
  const ignore = config?.ignore;
  return new Set(Array.isArray(ignore) ? ignore.filter((name): name is string => typeof name === 'string') : []);
}

/** What the change between base and head does to publishable packages, and which of them no changeset covers. */
export function checkChangesets(request: GateRequest): GateResult {
  const files = git(
    request.root,
    'diff',
    '--name-only',
    '--no-renames',
    '--diff-filter=ACMRD',
    `${request.base}...${request.head}`,
  )
    .split('\n')
    .filter(Boolean);
  const changesets = files.filter(
    (file) =>
      /^\.changeset\/[^/]+\.md$/.test(file) && file !== '.changeset/README.md' && existsSync(join(request.root, file)),
  );
  const namedByChangeset = changesets.map((file) =>
    packagesOfChangeset(readRegularTextOr(join(request.root, file), MAX_MANIFEST_BYTES, () => '')),
  );
  const named = new Set(namedByChangeset.flat());
  const empty = namedByChangeset.some((packages) => packages.length === 0);
  const ignored = ignoredPackages(request.root);
  const cache = new Map<string, PackageInfo | undefined>();
  const touched = new Map<string, UncoveredPackage>();
  for (const file of files) {
    if (file.startsWith('.changeset/')) continue;
    const info = packageOf(request.root, file, cache);
    if (!info?.publishable || ignored.has(info.name)) continue;
    // Judged inside the package: a package may itself be called docs or test.
    const inPackage = file.slice(info.folder.length + 1);
    if (notShipped.some((pattern) => pattern.test(inPackage))) continue;
    const entry = touched.get(info.name) ?? { name: info.name, folder: info.folder, files: [] };
    entry.files.push(file);
    touched.set(info.name, entry);
  }
  const changed = [...touched.keys()].sort();
  const uncovered = empty
    ? []
    : changed.filter((name) => !named.has(name)).map((name) => touched.get(name) as UncoveredPackage);
  return { changesets, empty, changed, uncovered };
}

/** The gate's verdict for people. */
export function renderGate(result: GateResult): string {
  if (result.uncovered.length === 0) {
    const why =
      result.changed.length === 0
        ? 'no publishable package changes'
        : result.empty
          ? 'an empty changeset says no release is needed'
          : `every changed package has a changeset (${result.changed.join(', ')})`;
    return `✔ changesets: ${why}\n`;
  }
  const lines = result.uncovered.map(
    (entry) =>
      `  ${entry.name} (${entry.folder}): ${entry.files.slice(0, 3).join(', ')}${entry.files.length > 3 ? `, and ${entry.files.length - 3} more` : ''}`,
  );
  return `✖ changesets: ${result.uncovered.length} publishable package(s) changed without a changeset:\n${lines.join('\n')}\n  fix: run \`pnpm changeset\` and name them, or \`pnpm changeset add --empty\` if this change needs no release\n`;
}
