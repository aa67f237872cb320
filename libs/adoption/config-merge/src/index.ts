export { editablePath, type FileChange, type MergeResult, type MergeTree } from './tree';
export {
  FLAT_CONFIG_FILES,
  LEGACY_CONFIG_FILES,
  SKIP_ESLINT_OPTION,
  mergeEslintConfig,
  type EslintMergeOptions,
  type EslintMergeResult,
} from './eslint/merge-eslint';
export { PRETTIER_CONFIG_FILES, PAVED_PRETTIER_PRESET, mergePrettierConfig } from './prettier/merge-prettier';
export { mergeHooksConfig, type HookManager, type HooksMergeOptions, type HooksMergeResult } from './hooks/merge-hooks';
export { SECRET_SCAN, SKIP_HOOKS_OPTION } from './hooks/commands';
export { toolVersions } from './versions';
export type { PackageManager } from './package-json';
