import { workspaceRoot as nxWorkspaceRoot } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import { securityConfigs } from '@paved/eslint-security';
import { deriveDepConstraints, loadPolicy, type Policy } from '@paved/policy';
import { parser as tsParser } from 'typescript-eslint';
import type { Linter } from 'eslint';

export interface PavedEslintOptions {
  /** Folder holding paved.json; defaults to the Nx workspace root. */
  workspaceRoot?: string;
  /** Extra ignore globs. */
  ignores?: string[];
}

function boundaryOptions(policy: Policy) {
  return { allow: [], enforceBuildableLibDependency: false, depConstraints: deriveDepConstraints(policy) };
}

export const defaultIgnores = [
  '**/dist',
  '**/out-tsc',
  '**/coverage',
  '**/tmp',
  '**/node_modules',
  '**/*.timestamp-*',
  'generators/*/files/**',
];

/**
 * Paved's ESLint flat config: TypeScript, JavaScript, module boundaries and the security preset.
 * The boundary constraints are derived from paved.json each time ESLint loads
 * the config, so they can never drift from the policy.
 */
export function pavedEslintConfig(options: PavedEslintOptions = {}): Linter.Config[] {
  const policy = loadPolicy(options.workspaceRoot ?? nxWorkspaceRoot);
  return [
    { ignores: [...defaultIgnores, ...(options.ignores ?? [])] },
    ...(nx.configs['flat/base'] as Linter.Config[]),
    ...(nx.configs['flat/typescript'] as Linter.Config[]),
    ...(nx.configs['flat/javascript'] as Linter.Config[]),
    {
      linterOptions: { reportUnusedDisableDirectives: 'error' },
    },
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
      rules: {
        '@nx/enforce-module-boundaries': ['error', boundaryOptions(policy)],
      },
    },
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
      rules: {
        '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      },
    },
    ...securityConfigs(),
  ];
}

/**
 * Only the module-boundary rule, with the same constraints: for measuring it,
 * or for a workspace that wants boundaries linted without the style rules.
 */
export function pavedBoundariesOnlyConfig(options: PavedEslintOptions = {}): Linter.Config[] {
  const policy = loadPolicy(options.workspaceRoot ?? nxWorkspaceRoot);
  return [
    { ignores: [...defaultIgnores, ...(options.ignores ?? [])] },
    ...(nx.configs['flat/base'] as Linter.Config[]),
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
      languageOptions: { parser: tsParser },
      rules: {
        '@nx/enforce-module-boundaries': ['error', boundaryOptions(policy)],
      },
    },
  ];
}
