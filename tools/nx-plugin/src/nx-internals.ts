/**
 * The one place Paved reads Nx internals. Each use says why the public API does not do, and
 * feature-detects the Nx versions it supports (22.0 to 23.x); nx-internals.spec.ts runs them
 * against the installed Nx, and the plugin's e2e against the real nx binary.
 */
import { readJsonFile } from '@nx/devkit';
import * as packageJsonPlugin from 'nx/src/plugins/package-json';
import { createRequire } from 'node:module';
import { join } from 'node:path';

type ReadJson = (path: string) => unknown;
type Matcher = (packageJsonPath: string) => boolean;

/** Nx 22.0-22.6 built the matcher from the root in one call; 22.7 and 23 split it into patterns, then the matcher. */
interface PackageJsonPluginApi {
  buildPackageJsonPatterns?: (workspaceRoot: string, readJson: ReadJson) => unknown;
  buildPackageJsonWorkspacesMatcher: (...args: unknown[]) => Matcher;
}

/**
 * Which package.json files Nx's own package-json plugin (nx/core/package-json) turns into
 * projects, by Nx's own code: those its package-manager workspaces globs match (package.json
 * `workspaces`, pnpm-workspace.yaml `packages`, lerna.json, with `!` exclusions; the root one
 * only when it has an `nx` key or a glob names it), or every one under NX_INFER_ALL_PACKAGE_JSONS.
 * A package.json beside a project.json is a project too; the caller knows those. @nx/devkit
 * has no public equivalent, and a copy of the globbing would drift from Nx's.
 */
export function packageJsonProjectMatcher(workspaceRoot: string, configFiles: readonly string[]): Matcher {
  if (process.env.NX_INFER_ALL_PACKAGE_JSONS === 'true' && !configFiles.includes('package.json')) return () => true;
  const api = packageJsonPlugin as unknown as PackageJsonPluginApi;
  const readJson: ReadJson = (path) => readJsonFile(join(workspaceRoot, path));
  return typeof api.buildPackageJsonPatterns === 'function'
    ? api.buildPackageJsonWorkspacesMatcher(api.buildPackageJsonPatterns(workspaceRoot, readJson))
    : api.buildPackageJsonWorkspacesMatcher(workspaceRoot, readJson);
}

/**
 * Whether Nx prints each batched task's `terminalOutput` itself (22.4 and later stream the
 * results and print them; before, the batch worker's stdout went straight to the terminal and
 * the results were only stored). Read from nx's package.json, which nx exports publicly.
 */
export function nxPrintsBatchTaskResults(version: string = installedNxVersion()): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 4);
}

/** The Nx that runs us (the workspace's own, resolved from here as Nx resolves its plugins). */
function installedNxVersion(): string {
  return (createRequire(__filename)('nx/package.json') as { version: string }).version;
}
