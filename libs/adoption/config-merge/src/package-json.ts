import semver from 'semver';
import { isJsonObject, readJsonObject, type JsonObject } from './json-file';
import { type MergePlan } from './tree';

export const PACKAGE_JSON = 'package.json';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

const dependencyFields = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

export function rootPackageJson(plan: MergePlan): JsonObject {
  return readJsonObject(plan, PACKAGE_JSON) ?? {};
}

/** The range the root package.json declares for `name`, in any dependency field. */
export function declaredRange(pkg: JsonObject, name: string): string | undefined {
  for (const field of dependencyFields) {
    const section = pkg[field];
    if (isJsonObject(section) && typeof section[name] === 'string') return section[name];
  }
  return undefined;
}

/** The lowest major version a declared range allows; undefined for tags, links and the like. */
export function declaredMajor(pkg: JsonObject, name: string): number | undefined {
  const range = declaredRange(pkg, name);
  if (range === undefined || !semver.validRange(range)) return undefined;
  return semver.minVersion(range)?.major;
}

/** Records `name` as needed unless the root package.json declares it already. */
export function needUnlessDeclared(plan: MergePlan, pkg: JsonObject, name: string, version: string): void {
  if (declaredRange(pkg, name) === undefined) plan.needs(name, version);
}

export function isEsmRoot(pkg: JsonObject): boolean {
  return pkg.type === 'module';
}

/** The package manager the workspace uses: package.json's `packageManager`, else its lockfile, else npm. */
export function detectPackageManager(plan: MergePlan, pkg: JsonObject): PackageManager {
  const field = typeof pkg.packageManager === 'string' ? pkg.packageManager.split('@')[0] : '';
  if (field === 'pnpm' || field === 'yarn' || field === 'npm' || field === 'bun') return field;
  if (plan.exists('pnpm-lock.yaml')) return 'pnpm';
  if (plan.exists('yarn.lock')) return 'yarn';
  if (plan.exists('bun.lockb') || plan.exists('bun.lock')) return 'bun';
  return 'npm';
}

/**
 * How a hook runs a binary installed in the workspace when the hook manager does not put
 * node_modules/.bin on PATH: through the package manager, never downloading anything.
 */
export function execCommand(manager: PackageManager, command: string): string {
  switch (manager) {
    case 'pnpm':
      return `pnpm exec ${command}`;
    case 'yarn':
      return `yarn ${command}`;
    case 'bun':
      return `bun run ${command}`;
    case 'npm':
      return `npx --no -- ${command}`;
  }
}
