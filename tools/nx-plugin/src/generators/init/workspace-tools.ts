import { addDependenciesToPackageJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { mergeEslintConfig, mergeHooksConfig, mergePrettierConfig, type MergeResult } from '@paved/config-merge';
import { type Reason } from '@paved/infer-policy';
import { execFileSync } from 'node:child_process';
import { type InitGeneratorSchema } from './schema';

/**
 * Paved's presets in the team's ESLint, Prettier and git-hook setup (see @paved/config-merge),
 * and the devDependencies they need. Returns what to run once files are written: the install,
 * then the commands that put the hooks in place.
 */
export function mergeWorkspaceTools(
  tree: Tree,
  schema: InitGeneratorSchema,
  projectRoots: readonly string[],
  reasons: Reason[],
): GeneratorCallback {
  const results: [string, MergeResult][] = [];
  const eslint = schema.eslint !== false;
  if (eslint) results.push(['eslint', mergeEslintConfig(tree, { projectRoots })]);
  results.push(['prettier', mergePrettierConfig(tree)]);
  const hooks = schema.hooks !== false ? mergeHooksConfig(tree, { eslint }) : undefined;
  if (hooks) results.push(['hooks', hooks]);

  const devDependencies: Record<string, string> = {};
  for (const [key, result] of results) {
    Object.assign(devDependencies, result.devDependencies);
    for (const change of result.changes) reasons.push({ key, message: `${change.action} ${change.path}` });
    for (const note of result.notes) reasons.push({ key, message: note });
  }
  const install =
    Object.keys(devDependencies).length > 0
      ? addDependenciesToPackageJson(tree, {}, devDependencies, undefined, schema.keepExistingVersions !== false)
      : undefined;
  return async () => {
    if (schema.skipInstall) return;
    await install?.();
    // Commands of Paved's own making (`pnpm exec husky`): words without quoting, run without a shell.
    for (const command of hooks?.afterInstall ?? []) {
      const [program, ...args] = command.split(/\s+/);
      execFileSync(program, args, { cwd: tree.root, stdio: 'inherit' });
    }
  };
}
