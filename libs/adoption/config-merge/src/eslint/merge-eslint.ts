import { PavedError } from '@paved/errors';
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { JsSource } from '../js-source';
import { declaredMajor, declaredRange, isEsmRoot, needUnlessDeclared, rootPackageJson } from '../package-json';
import { MergePlan, editablePath, type MergeResult, type MergeTree } from '../tree';
import { eslintVersionFor, toolVersions } from '../versions';
import { PAVED_ESLINT_MODULE, WRAPPER, editFlatConfig } from './flat-config';

/** ESLint's flat config file names, in the order ESLint looks for them (the first found is used). */
export const FLAT_CONFIG_FILES = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
] as const;

/** The eslintrc files ESLint 9 and 10 no longer read. */
export const LEGACY_CONFIG_FILES = [
  '.eslintrc',
  '.eslintrc.js',
  '.eslintrc.cjs',
  '.eslintrc.yaml',
  '.eslintrc.yml',
  '.eslintrc.json',
] as const;

const BOUNDARY_RULE = '@nx/enforce-module-boundaries';

/** The init option that leaves ESLint alone; named in refusals so the user knows the way out. */
export const SKIP_ESLINT_OPTION = '--no-eslint';

export interface EslintMergeOptions {
  /**
   * Project roots from the project graph. Project-level eslint.config files that do not build on
   * the root config get a note: Paved's presets do not reach their files.
   */
  projectRoots?: readonly string[];
}

export interface EslintMergeResult extends MergeResult {
  /** The config file ESLint loads after the merge (the edited target when it is a symbolic link). */
  configFile: string;
}

function isLink(tree: MergeTree, path: string): boolean {
  try {
    return lstatSync(join(tree.root, path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The first flat config name in `dir` that exists, a dangling link included (editablePath refuses it). */
function findFlatConfig(plan: MergePlan, dir: string): string | undefined {
  return FLAT_CONFIG_FILES.map((name) => posix.join(dir, name)).find(
    (path) => plan.exists(path) || isLink(plan.tree, path),
  );
}

function newConfigSource(esm: boolean): string {
  return esm
    ? `import { pavedEslintConfig } from '${PAVED_ESLINT_MODULE}';\n\nexport default pavedEslintConfig();\n`
    : `const { pavedEslintConfig } = require('${PAVED_ESLINT_MODULE}');\n\nmodule.exports = pavedEslintConfig();\n`;
}

function writeNewConfig(plan: MergePlan): EslintMergeResult {
  const pkg = rootPackageJson(plan);
  const esm = isEsmRoot(pkg);
  const file = 'eslint.config.js';
  plan.write(file, newConfigSource(esm));
  plan.note(
    `No ESLint config found: wrote ${file} (${esm ? 'ESM, as package.json says "type": "module"' : 'CommonJS, as package.json has no "type": "module"'}) with Paved's config: Nx's base, TypeScript and JavaScript rules, module boundaries from paved.json and the security preset.`,
  );
  needUnlessDeclared(plan, pkg, 'eslint', eslintVersionFor(declaredMajor(pkg, 'nx')));
  needUnlessDeclared(plan, pkg, '@eslint/js', toolVersions['@eslint/js']);
  needUnlessDeclared(plan, pkg, 'typescript-eslint', toolVersions['typescript-eslint']);
  needNxEslintPlugin(plan);
  return { ...plan.apply(), configFile: file };
}

/**
 * Paved's boundary rule runs on the workspace's own @nx/eslint-plugin, which must match its Nx:
 * the same version range as `nx`.
 */
function needNxEslintPlugin(plan: MergePlan): void {
  const pkg = rootPackageJson(plan);
  if (declaredRange(pkg, '@nx/eslint-plugin') !== undefined) return;
  const nxRange = declaredRange(pkg, 'nx');
  if (nxRange === undefined) {
    plan.note(
      'package.json declares no `nx` version, so Paved cannot tell which @nx/eslint-plugin to add: add the one matching your Nx.',
    );
    return;
  }
  plan.needs('@nx/eslint-plugin', nxRange);
}

function legacyConfigs(plan: MergePlan): string[] {
  const files: string[] = LEGACY_CONFIG_FILES.filter((file) => plan.exists(file));
  if ('eslintConfig' in rootPackageJson(plan)) files.push('package.json "eslintConfig"');
  return files;
}

/** Notes for project configs that Paved's presets do not reach, or whose boundary options override Paved's. */
function projectConfigNotes(plan: MergePlan, rootConfig: string, projectRoots: readonly string[]): void {
  const rootTargets = new Set([rootConfig, safeRealPath(plan.tree, rootConfig)].map(withoutExtension));
  for (const projectRoot of projectRoots) {
    if (projectRoot === '' || projectRoot === '.') continue;
    const file = findFlatConfig(plan, projectRoot);
    if (!file) continue;
    const text = plan.read(file);
    if (text === null) continue;
    // A symlinked config resolves its imports from where its target is, as Node does.
    const location = dirname(safeRealPath(plan.tree, file));
    let source: JsSource;
    try {
      source = new JsSource(file, text);
    } catch (error) {
      plan.note(`${file} cannot be parsed (${(error as Error).message}); Paved did not check it.`);
      continue;
    }
    const extendsRoot = source
      .importedModules()
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => posix.join(location, specifier))
      .some((imported) =>
        [imported, safeRealPath(plan.tree, imported)].some((path) => rootTargets.has(withoutExtension(path))),
      );
    if (!extendsRoot) {
      plan.note(
        `${file} does not import the root ${rootConfig}, so Paved's presets do not apply to ${projectRoot}: spread the root config into it (\`...baseConfig\`).`,
      );
    } else if (source.hasString(BOUNDARY_RULE)) {
      plan.note(`${file} sets ${BOUNDARY_RULE} after the root config: for ${projectRoot} its options replace Paved's.`);
    }
  }
}

const withoutExtension = (path: string): string => path.replace(/\.[cm]?[jt]s$/, '');

/** A workspace-relative path with symbolic links resolved; the path itself when it is not on disk. */
function safeRealPath(tree: MergeTree, path: string): string {
  try {
    return relative(realpathSync(tree.root), realpathSync(join(tree.root, path)))
      .split('\\')
      .join('/');
  } catch {
    return path;
  }
}

/**
 * Adds Paved's ESLint presets (module boundaries from paved.json, security) to the workspace's root
 * flat config, keeping every config of the team's: the exported value is wrapped in
 * `withPavedPresets(...)`, which appends Paved's entries after the team's. Writes Paved's own
 * config when there is none; refuses a legacy .eslintrc workspace (PAVED-700), an export it cannot
 * follow (PAVED-701), a file it cannot parse (PAVED-702) and a link out of the workspace (PAVED-703).
 */
export function mergeEslintConfig(tree: MergeTree, options: EslintMergeOptions = {}): EslintMergeResult {
  const plan = new MergePlan(tree);
  const rootConfig = findFlatConfig(plan, '');
  const legacy = legacyConfigs(plan);
  if (!rootConfig) {
    if (legacy.length > 0) {
      throw new PavedError({
        code: 'PAVED-700',
        file: legacy[0],
        message:
          'is a legacy eslintrc configuration; ESLint 9 and 10 read only flat configs (eslint.config.*), and Paved adds its presets to those',
        expected: 'an eslint.config.js, .mjs, .cjs, .ts, .mts or .cts file at the workspace root',
        hint: `migrate with \`npx @eslint/migrate-config ${legacy[0].startsWith('package.json') ? 'package.json' : legacy[0]}\` and run init again, or run init with ${SKIP_ESLINT_OPTION} to leave ESLint as it is`,
      });
    }
    return writeNewConfig(plan);
  }

  const target = editablePath(tree, rootConfig);
  const text = plan.read(target.path) ?? '';
  const edit = editFlatConfig(target.path, text);
  if (edit.kind === 'refused') {
    throw new PavedError({
      code: 'PAVED-701',
      file: target.path,
      keyPath: `line ${edit.refusal.line}`,
      message: `${edit.refusal.message}, so Paved cannot add its presets safely`,
      expected:
        'an exported array or object, a const holding one, or the result of defineConfig(), tseslint.config() or FlatCompat',
      hint: `export one of those, or run init with ${SKIP_ESLINT_OPTION} and wrap your config in ${WRAPPER}() from ${PAVED_ESLINT_MODULE} yourself`,
    });
  }
  if (target.linkedFrom) {
    plan.note(
      `${rootConfig} is a symbolic link to ${target.path}: Paved edits the target, so the link and everything sharing it stay in step.`,
    );
  }
  if (edit.kind === 'already-paved') {
    plan.note(`${target.path} already imports ${PAVED_ESLINT_MODULE}; left as it is.`);
  } else {
    plan.write(target.path, edit.text);
    plan.note(
      `${target.path}: your configs are kept as they were; ${WRAPPER}() appends Paved's module-boundary and security presets after them.`,
    );
    if (new JsSource(target.path, text).hasString(BOUNDARY_RULE)) {
      plan.note(
        `${target.path} sets ${BOUNDARY_RULE}: your options stay, and paved.json's constraints replace your depConstraints for the scope:/type: tags paved.json governs.`,
      );
    }
  }
  for (const ignored of FLAT_CONFIG_FILES.filter((name) => name !== rootConfig && plan.exists(name))) {
    plan.note(`${ignored} is ignored: ESLint loads only the first of its config files it finds, ${rootConfig}.`);
  }
  if (legacy.length > 0)
    plan.note(`ESLint 9 and 10 ignore ${legacy.join(', ')}: the flat config ${rootConfig} is what runs.`);
  needNxEslintPlugin(plan);
  projectConfigNotes(plan, rootConfig, options.projectRoots ?? []);
  return { ...plan.apply(), configFile: target.path };
}
