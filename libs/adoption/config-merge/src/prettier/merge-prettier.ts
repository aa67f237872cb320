import { parseYamlDocument } from '../json-file';
import { needUnlessDeclared, rootPackageJson } from '../package-json';
import { MergePlan, type MergeResult, type MergeTree } from '../tree';
import { toolVersions } from '../versions';

/** Every file Prettier 3 reads its options from, in its search order (package.json's key aside). */
export const PRETTIER_CONFIG_FILES = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.json5',
  '.prettierrc.js',
  '.prettierrc.ts',
  '.prettierrc.mjs',
  '.prettierrc.mts',
  '.prettierrc.cjs',
  '.prettierrc.cts',
  'prettier.config.js',
  'prettier.config.ts',
  'prettier.config.mjs',
  'prettier.config.mts',
  'prettier.config.cjs',
  'prettier.config.cts',
  '.prettierrc.toml',
] as const;

export const PAVED_PRETTIER_PRESET = '@paved/nx/prettier';

const defaultPrettierIgnore = [
  '/dist',
  '/coverage',
  '/.nx/cache',
  '/.nx/workspace-data',
  'pnpm-lock.yaml',
  'package-lock.json',
  '',
].join('\n');

/** Where the workspace's Prettier options live, if anywhere: a config file or a "prettier" key. */
export function findPrettierConfig(plan: MergePlan): string | undefined {
  const file = PRETTIER_CONFIG_FILES.find((name) => plan.exists(name));
  if (file) return file;
  if ('prettier' in rootPackageJson(plan)) return 'package.json "prettier"';
  const packageYaml = plan.read('package.yaml');
  if (packageYaml !== null && parseYamlDocument(packageYaml, 'package.yaml').has('prettier'))
    return 'package.yaml "prettier"';
  return undefined;
}

/**
 * Keeps a workspace's Prettier config whatever its form; only a workspace without one gets
 * `.prettierrc` pointing at Paved's preset, and a `.prettierignore` unless it has one.
 */
export function mergePrettierConfig(tree: MergeTree): MergeResult {
  const plan = new MergePlan(tree);
  const pkg = rootPackageJson(plan);
  needUnlessDeclared(plan, pkg, 'prettier', toolVersions.prettier);
  const existing = findPrettierConfig(plan);
  if (existing === '.prettierrc' && plan.read(existing)?.trim() === JSON.stringify(PAVED_PRETTIER_PRESET)) {
    plan.note(`Prettier: .prettierrc already uses Paved's preset.`);
    return plan.apply();
  }
  if (existing) {
    plan.note(`Prettier: kept your config (${existing}); Paved's preset is not applied.`);
    return plan.apply();
  }
  plan.write('.prettierrc', `${JSON.stringify(PAVED_PRETTIER_PRESET)}\n`);
  plan.note(`Prettier: no config found, so .prettierrc now uses Paved's preset (${PAVED_PRETTIER_PRESET}).`);
  if (!plan.exists('.prettierignore')) plan.write('.prettierignore', defaultPrettierIgnore);
  return plan.apply();
}
