import { createNodesFromFiles, readJsonFile, type CreateNodesV2, type TargetConfiguration } from '@nx/devkit';
import { findLockfile } from '@paved/advisories';
import { dirname, join } from 'node:path';
import { packageJsonProjectMatcher } from './nx-internals';

export interface PavedPluginOptions {
  /** Name of the inferred conformance target. */
  checkTargetName?: string;
  /** More inputs of the check target (e.g. where a local copy of the rules lives). */
  extraCheckInputs?: string[];
  /** Name of the inferred security-scan target. */
  scanTargetName?: string;
}

/** Installed from npm, the plugin is an external dependency Nx can hash; as local source it is not. */
const installedAsPackage = __dirname.split(/[\\/]/).includes('node_modules');

/** The files Nx's own plugins (nx/core/project-json, nx/core/package-json) make projects from. */
const projectFiles = '{package.json,**/package.json,project.json,**/project.json}';

/**
 * Infers `check` and `scan` targets for every project Nx defines from a project.json or a
 * package.json, and for no folder Nx would not make a project: a package.json counts only where
 * Nx's package-json plugin takes it (its workspaces globs, or beside a project.json), so one in
 * a fixtures folder or outside the globs stays a plain file. Their inputs are the project, its
 * dependencies (their tags decide boundaries), the policy, and for the scan the lockfile the
 * workspace has and the advisory snapshot, so the cache is never stale.
 */
export const createNodesV2: CreateNodesV2<PavedPluginOptions> = [
  projectFiles,
  (files, options, context) => {
    const projectJsons = files.filter((file) => basename(file) === 'project.json');
    const projectJsonRoots = new Set(projectJsons.map(dirname));
    const isProject = packageJsonProjectMatcher(context.workspaceRoot, files);
    const packageJsons = files.filter(
      (file) => basename(file) === 'package.json' && !projectJsonRoots.has(dirname(file)) && isProject(file),
    );
    const lockfile = findLockfile(context.workspaceRoot)?.file;
    return createNodesFromFiles(
      // Fresh objects per project: Nx merges target configurations in place.
      (file) => ({
        projects: { [projectRootOf(file, context.workspaceRoot)]: { targets: pavedTargets(options, lockfile) } },
      }),
      [...projectJsons, ...packageJsons],
      options,
      context,
    );
  },
];

export const createNodes = createNodesV2;

const basename = (file: string) => file.slice(file.lastIndexOf('/') + 1);

/** Where Nx puts the project: a project.json may name its root; otherwise, and for package.json, its folder. */
function projectRootOf(file: string, workspaceRoot: string): string {
  if (basename(file) === 'project.json') {
    try {
      const { root } = readJsonFile<{ root?: unknown }>(join(workspaceRoot, file));
      if (typeof root === 'string' && root !== '') return root;
    } catch {
      // Nx reports a broken project.json itself, with better context.
    }
  }
  return dirname(file);
}

function pavedTargets(options: PavedPluginOptions | undefined, lockfile: string | undefined) {
  const external = installedAsPackage ? [{ externalDependencies: ['@paved/nx'] }] : [];
  const check: TargetConfiguration = {
    executor: '@paved/nx:check',
    cache: true,
    inputs: [
      'default',
      '^default',
      '{workspaceRoot}/paved.json',
      '{workspaceRoot}/package.json',
      '{workspaceRoot}/paved-baseline.json',
      ...(options?.extraCheckInputs ?? []),
      ...external,
    ],
    metadata: { description: 'Conformance to paved.json (paved check for this project)' },
  };
  const scan: TargetConfiguration = {
    executor: '@paved/nx:scan',
    cache: true,
    // The project's files, the allowlist/baseline, what the lockfile installs, and the snapshot.
    inputs: [
      '{projectRoot}/**/*',
      '{workspaceRoot}/paved.json',
      '{workspaceRoot}/.paved/secrets-baseline.json',
      ...(lockfile ? [`{workspaceRoot}/${lockfile}`] : []),
      '{workspaceRoot}/.paved/advisories/**/*',
      ...external,
    ],
    metadata: {
      description: 'Secrets in this project, and vulnerabilities and licenses of its dependencies (paved scan)',
    },
  };
  return { [options?.checkTargetName ?? 'check']: check, [options?.scanTargetName ?? 'scan']: scan };
}
