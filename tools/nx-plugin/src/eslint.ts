import { workspaceRoot as nxWorkspaceRoot } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import { PavedError } from '@paved/errors';
import { securityConfigs } from '@paved/eslint-security';
import { BOUNDARY_RULE, loadPolicy, mergeBoundaryOptions, pavedBoundaryOptions, type Policy } from '@paved/policy';
import picomatch from 'picomatch';
import { createRequire } from 'node:module';
import type { ESLint, Linter } from 'eslint';
import type * as TypescriptEslint from 'typescript-eslint';

export interface PavedEslintOptions {
  /** Folder holding paved.json; defaults to the Nx workspace root. */
  workspaceRoot?: string;
  /** Extra ignore globs. */
  ignores?: string[];
}

export interface PavedPresetsOptions {
  /** Folder holding paved.json; defaults to the Nx workspace root. */
  workspaceRoot?: string;
  /**
   * The workspace's own configs that Paved's presets follow. Paved reuses the plugin objects they
   * register (ESLint refuses two different objects under one plugin name), lints only the
   * JavaScript and TypeScript files they lint, and merges their `@nx/enforce-module-boundaries`
   * options with the constraints paved.json implies.
   */
  after?: unknown;
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

const lintableExtensions = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];
/** What ESLint lints with no `files` pattern asking for more. */
const eslintDefaultExtensions = new Set(['js', 'mjs', 'cjs']);
const lintableFiles = lintableExtensions.map((extension) => `**/*.${extension}`);

/**
 * Paved's ESLint flat config for a workspace without one: TypeScript, JavaScript, module
 * boundaries and the security preset. The boundary constraints are derived from paved.json each
 * time ESLint loads the config, so they can never drift from the policy.
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
      files: lintableFiles,
      rules: {
        [BOUNDARY_RULE]: ['error', pavedBoundaryOptions(policy)],
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

type ConfigObject = Linter.Config;

function isConfigObject(value: unknown): value is ConfigObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ESLint accepts nested arrays of config objects; so do Paved's presets. */
function flattenConfigs(configs: unknown): ConfigObject[] {
  if (Array.isArray(configs)) return configs.flatMap(flattenConfigs);
  return isConfigObject(configs) ? [configs] : [];
}

/** The plugin object the team registered under `name`, if any. */
function teamPlugin(team: readonly ConfigObject[], name: string): ESLint.Plugin | undefined {
  for (const entry of team) {
    if (entry.plugins && Object.hasOwn(entry.plugins, name)) return entry.plugins[name];
  }
  return undefined;
}

/**
 * The JavaScript and TypeScript files the team's config lints: ESLint's defaults plus whatever a
 * `files` pattern asks for. Paved's entries name only these, because a `files` pattern of theirs
 * would make ESLint lint files the team's parsers were never set up for (`.ts` in a JS-only repo).
 */
function teamLintedFiles(team: readonly ConfigObject[]): string[] {
  const patterns = team.flatMap((entry) => entry.files ?? []);
  const matches = (pattern: string | string[], extension: string): boolean => {
    const all = Array.isArray(pattern) ? pattern : [pattern];
    return ['file', 'dir/file'].some((stem) =>
      all.every((glob) => typeof glob === 'string' && picomatch(glob, { dot: true })(`${stem}.${extension}`)),
    );
  };
  return lintableExtensions
    .filter((extension) => eslintDefaultExtensions.has(extension) || patterns.some((p) => matches(p, extension)))
    .map((extension) => `**/*.${extension}`);
}

/**
 * Points an entry of Paved's at the plugin objects the team already registered under the same
 * names, and drops the rules the team's (maybe older) plugin does not have.
 */
function reuseTeamPlugins(entry: ConfigObject, team: readonly ConfigObject[]): ConfigObject {
  if (!entry.plugins) return entry;
  const plugins: Record<string, ESLint.Plugin> = {};
  const missing = new Set<string>();
  for (const [name, ours] of Object.entries(entry.plugins)) {
    const theirs = teamPlugin(team, name);
    plugins[name] = theirs ?? ours;
    if (theirs && theirs !== ours) {
      for (const rule of Object.keys(ours.rules ?? {})) {
        if (!Object.hasOwn(theirs.rules ?? {}, rule)) missing.add(`${name}/${rule}`);
      }
    }
  }
  const rules = Object.fromEntries(Object.entries(entry.rules ?? {}).filter(([rule]) => !missing.has(rule)));
  return { ...entry, plugins, rules };
}

const isOff = (severity: unknown): boolean => severity === 'off' || severity === 0;

/**
 * One entry per team entry that sets the boundary rule, scoped like the team's, so that the
 * team's layering (a different allow-list for e2e folders, an exception for scripts) survives
 * with Paved's constraints merged in. A team "off" scoped to some files stays off there; an
 * unscoped "off" is overridden, since it would switch Paved's boundaries off everywhere.
 */
function teamBoundaryEntries(team: readonly ConfigObject[], policy: Policy, nxPlugin: ESLint.Plugin): ConfigObject[] {
  return team.flatMap((entry): ConfigObject[] => {
    const setting = entry.rules?.[BOUNDARY_RULE];
    if (setting === undefined) return [];
    const [severity, options] = Array.isArray(setting) ? setting : [setting];
    const scope: ConfigObject = {
      ...(entry.files && { files: entry.files }),
      ...(entry.ignores && { ignores: entry.ignores }),
      ...(entry.basePath !== undefined && { basePath: entry.basePath }),
    };
    const name = `paved/boundaries (with ${entry.name ?? 'your options'})`;
    if (isOff(severity)) return entry.files ? [{ ...scope, name, rules: { [BOUNDARY_RULE]: 'off' } }] : [];
    // A severity without options keeps the options ESLint merged from earlier entries, as the team's did.
    const rule: Linter.RuleEntry =
      Array.isArray(setting) && setting.length > 1 ? ['error', mergeBoundaryOptions(options, policy)] : 'error';
    return [{ ...scope, name, plugins: { '@nx': nxPlugin }, rules: { [BOUNDARY_RULE]: rule } }];
  });
}

/**
 * Paved's additions to a workspace that has its own ESLint setup: the module-boundary rule with
 * the constraints paved.json implies, and the security preset. No base, TypeScript or style
 * configs: the team has its own. Place them after the team's configs and pass those as `after`
 * (or use `withPavedPresets`, which does both).
 */
export function pavedPresets(options: PavedPresetsOptions = {}): Linter.Config[] {
  const policy = loadPolicy(options.workspaceRoot ?? nxWorkspaceRoot);
  const team = flattenConfigs(options.after ?? []);
  const files = teamLintedFiles(team);
  const nxPlugin = teamPlugin(team, '@nx') ?? (nx as unknown as ESLint.Plugin);
  return [
    {
      name: 'paved/boundaries',
      files,
      plugins: { '@nx': nxPlugin },
      rules: { [BOUNDARY_RULE]: ['error', pavedBoundaryOptions(policy)] },
    },
    ...teamBoundaryEntries(team, policy, nxPlugin),
    ...securityConfigs(files).map((entry) => reuseTeamPlugins({ name: 'paved/security', ...entry }, team)),
  ];
}

/**
 * The team's flat config followed by Paved's presets: what `nx g @paved/nx:init` writes around
 * the exported config of an existing eslint.config.* file. Accepts what ESLint accepts: an array
 * (nested arrays included) or a single config object.
 */
export function withPavedPresets(configs: unknown, options: Omit<PavedPresetsOptions, 'after'> = {}): Linter.Config[] {
  if (!Array.isArray(configs) && !isConfigObject(configs)) {
    throw new PavedError({
      code: 'PAVED-701',
      message: `withPavedPresets() was given ${configs === null ? 'null' : typeof configs}, not an ESLint flat config`,
      expected: 'an array of config objects, or one config object',
      hint: 'pass it the value your eslint.config file exported before Paved was added',
    });
  }
  const teamConfigs = (Array.isArray(configs) ? configs : [configs]) as Linter.Config[];
  return [...teamConfigs, ...pavedPresets({ ...options, after: teamConfigs })];
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
      // Loaded here, not at the top: the team's presets (pavedPresets) must load where the host has no
      // typescript-eslint, an optional peer of the package.
      languageOptions: {
        parser: (createRequire(__filename)('typescript-eslint') as typeof TypescriptEslint).parser,
      },
      rules: {
        [BOUNDARY_RULE]: ['error', pavedBoundaryOptions(policy)],
      },
    },
  ];
}
