import { createNodesFromFiles, type CreateNodesV2 } from '@nx/devkit';
import { dirname } from 'node:path';

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

/**
 * Infers `check` and `scan` targets for every project with a project.json, so that
 * `nx affected -t check scan` checks exactly what a change can break. Their inputs
 * are the project, its dependencies (their tags decide boundaries), the policy,
 * and for the scan the lockfile and advisory snapshot, so the cache is never stale.
 */
export const createNodesV2: CreateNodesV2<PavedPluginOptions> = [
  '**/project.json',
  (files, options, context) =>
    createNodesFromFiles(
      (file, opts) => {
        const root = dirname(file);
        return {
          projects: {
            [root]: {
              targets: {
                [opts?.checkTargetName ?? 'check']: {
                  executor: '@paved/nx:check',
                  cache: true,
                  inputs: [
                    'default',
                    '^default',
                    '{workspaceRoot}/paved.json',
                    '{workspaceRoot}/package.json',
                    '{workspaceRoot}/paved-baseline.json',
                    ...(opts?.extraCheckInputs ?? []),
                    ...(installedAsPackage ? [{ externalDependencies: ['@paved/nx'] }] : []),
                  ],
                  metadata: { description: 'Conformance to paved.json (paved check for this project)' },
                },
                [opts?.scanTargetName ?? 'scan']: {
                  executor: '@paved/nx:scan',
                  cache: true,
                  // The project's files, the allowlist/baseline, what the lockfile installs, and the snapshot.
                  inputs: [
                    '{projectRoot}/**/*',
                    '{workspaceRoot}/paved.json',
                    '{workspaceRoot}/.paved/secrets-baseline.json',
                    '{workspaceRoot}/pnpm-lock.yaml',
                    '{workspaceRoot}/.paved/advisories/**/*',
                    ...(installedAsPackage ? [{ externalDependencies: ['@paved/nx'] }] : []),
                  ],
                  metadata: {
                    description:
                      'Secrets in this project, and vulnerabilities and licenses of its dependencies (paved scan)',
                  },
                },
              },
            },
          },
        };
      },
      files,
      options,
      context,
    ),
];

export const createNodes = createNodesV2;
