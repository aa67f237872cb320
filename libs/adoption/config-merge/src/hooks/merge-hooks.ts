import { PavedError } from '@paved/errors';
import { type EditedFile } from '../config-file';
import { isJsonObject, parseJsonObject, parseYamlDocument, stringifyJsonLike, type JsonObject } from '../json-file';
import {
  PACKAGE_JSON,
  declaredMajor,
  detectPackageManager,
  execCommand,
  needUnlessDeclared,
  type PackageManager,
} from '../package-json';
import { MergePlan, type MergeResult, type MergeTree } from '../tree';
import { eslintVersionFor, toolVersions } from '../versions';
import {
  SECRET_SCAN,
  SKIP_HOOKS_OPTION,
  codeExtensions,
  commandUse,
  dataExtensions,
  fixCommand,
  type FixTool,
} from './commands';
import { JsHookCommands, JsonHookCommands, YamlHookCommands, type HookCommandMap } from './hook-commands';
import { HUSKY_DIR, PRE_COMMIT, appendToHookScript, hookCommands, newHookScript, readHuskyDir } from './husky';
import { loadLefthook, type LefthookCommand, type LefthookConfig } from './lefthook';
import {
  NEW_LINT_STAGED_FILE,
  finalEntries,
  loadLintStaged,
  mergeTasks,
  newLintStaged,
  runsSecretScan,
  type LintStagedConfig,
} from './lint-staged';

export type HookManager = 'husky' | 'husky-4' | 'simple-git-hooks' | 'lefthook';

export interface HooksMergeOptions {
  /** Whether staged files get `eslint --fix`; false when init leaves the workspace's ESLint alone. Default true. */
  eslint?: boolean;
  /** Defaults to package.json's `packageManager`, else the lockfile. */
  packageManager?: PackageManager;
}

export interface HooksMergeResult extends MergeResult {
  /** The hook managers Paved joined; `['husky']` with `created` when it set husky + lint-staged up. */
  managers: HookManager[];
  created: boolean;
  /**
   * Commands to run in the workspace root once the devDependencies are installed, so the git hooks
   * are in place now (husky after a fresh setup, simple-git-hooks after its config changed).
   */
  afterInstall: string[];
}

const HUSKY_4_FILES = [
  '.huskyrc',
  '.huskyrc.json',
  '.huskyrc.yaml',
  '.huskyrc.yml',
  '.huskyrc.js',
  '.huskyrc.cjs',
  'husky.config.js',
  'husky.config.cjs',
];
const SIMPLE_GIT_HOOKS_FILES = [
  '.simple-git-hooks.cjs',
  '.simple-git-hooks.js',
  '.simple-git-hooks.mjs',
  'simple-git-hooks.cjs',
  'simple-git-hooks.js',
  'simple-git-hooks.mjs',
  '.simple-git-hooks.json',
  'simple-git-hooks.json',
];

/** A hook-name -> command config in any of its file forms (package.json's key aside). */
function hookCommandFile(plan: MergePlan, path: string, keyPath: readonly string[]): HookCommandMap {
  const text = plan.read(path) ?? '';
  if (/\.[cm]?js$/.test(path)) return new JsHookCommands(path, text, keyPath);
  if (path.endsWith('.json')) return new JsonHookCommands(path, path, parseJsonObject(text, path), keyPath, text);
  try {
    const json = JSON.parse(text) as unknown;
    if (isJsonObject(json)) return new JsonHookCommands(path, path, json, keyPath, text);
  } catch {
    // YAML, which husky 4's .huskyrc may be.
  }
  return new YamlHookCommands(path, path, parseYamlDocument(text, path), keyPath);
}

/** Everything one hooks merge reads and changes, package.json held once so every edit of it lands together. */
class HooksMerge {
  readonly plan: MergePlan;
  readonly pkg: JsonObject;
  private readonly pkgText: string | null;
  readonly manager: PackageManager;
  readonly tools: FixTool[];
  private lintStaged: LintStagedConfig | undefined;
  private lintStagedLoaded = false;
  readonly afterInstall: string[] = [];
  private readonly hookTexts: string[] = [];

  constructor(tree: MergeTree, options: HooksMergeOptions) {
    this.plan = new MergePlan(tree);
    this.pkgText = this.plan.read(PACKAGE_JSON);
    this.pkg = this.pkgText === null ? {} : parseJsonObject(this.pkgText, PACKAGE_JSON);
    this.manager = options.packageManager ?? detectPackageManager(this.plan, this.pkg);
    this.tools = options.eslint === false ? ['prettier'] : ['prettier', 'eslint'];
  }

  existingLintStaged(): LintStagedConfig | undefined {
    if (!this.lintStagedLoaded) {
      this.lintStaged = loadLintStaged(this.plan, this.pkg);
      this.lintStagedLoaded = true;
    }
    return this.lintStaged;
  }

  exec(command: string): string {
    return execCommand(this.manager, command);
  }

  /**
   * Adds Paved's fixers to lint-staged for the file types no task of the team's fixes with the
   * same tool, creating .lintstagedrc.json when there is no lint-staged config.
   */
  ensureLintStagedTasks(tools: readonly FixTool[]): void {
    if (tools.length === 0) return;
    const config = this.existingLintStaged() ?? (this.lintStaged = newLintStaged());
    const { added, unplaced } = mergeTasks(config, tools, declaredMajor(this.pkg, 'lint-staged'));
    if (added.length > 0) this.plan.note(`lint-staged (${config.label}): added ${added.join('; ')}.`);
    if (unplaced.length > 0) {
      this.plan.note(
        `lint-staged (${config.label}): not added, because your globs for those files overlap and lint-staged runs globs at the same time: ${unplaced.join('; ')}. Add them to the glob that should run them.`,
      );
    }
  }

  /** Records what a pre-commit hook runs once Paved is done with it. */
  runs(text: string): void {
    this.hookTexts.push(text);
  }

  /**
   * The packages the hooks rely on, read from what they run once the merge is done (not from what
   * this run added), so a second run asks for the same until they are declared.
   */
  private needsFromHooks(managers: readonly HookManager[]): void {
    const hooks = this.hookTexts.join('\n');
    const tasks = finalEntries(this.lintStaged)
      .flatMap((entry) => entry.commands.map((command) => command.text))
      .join('\n');
    const run = commandUse(hooks);
    const everything = `${hooks}\n${run.lintStaged ? tasks : ''}`;
    const need = (name: string, version: string) => needUnlessDeclared(this.plan, this.pkg, name, version);
    if (managers.includes('husky')) need('husky', toolVersions.husky);
    if (run.lintStaged) need('lint-staged', toolVersions['lint-staged']);
    if (/\bprettier\b/.test(everything)) need('prettier', toolVersions.prettier);
    // `paved lint` runs the workspace's own ESLint, so it needs one installed as much as `eslint` does.
    if (/\beslint\b|\bpaved\s+lint\b/.test(everything)) need('eslint', eslintVersionFor(declaredMajor(this.pkg, 'nx')));
  }

  /**
   * What a hook made of shell commands (a husky script, husky 4's or simple-git-hooks' command)
   * still needs from Paved: lint-staged when Paved's fixers have to run through it, and the scan.
   */
  commandsToAppend(existing: string, run: (command: string) => string): string[] {
    const use = commandUse(existing);
    const commands: string[] = [];
    const missingFixers = this.tools.filter((tool) => !use[tool]);
    if (missingFixers.length > 0) {
      if (!use.lintStaged && this.existingLintStaged()) {
        this.plan.note(
          `${this.existingLintStaged()?.label} was not run by your pre-commit hook; it is now (lint-staged).`,
        );
      }
      this.ensureLintStagedTasks(missingFixers);
      if (!use.lintStaged) commands.push(run('lint-staged'));
    }
    const scanned =
      use.secretScan || ((use.lintStaged || commands.length > 0) && runsSecretScan(this.existingLintStaged()));
    if (!scanned) commands.push(run(SECRET_SCAN));
    return commands;
  }

  write(config: EditedFile | undefined): void {
    if (!config?.changed() || config.path === PACKAGE_JSON) return;
    this.plan.write(config.path, config.render());
  }

  finish(managers: HookManager[], created: boolean): HooksMergeResult {
    this.needsFromHooks(managers);
    this.write(this.lintStaged);
    const before = this.pkgText === null ? '{}' : JSON.stringify(JSON.parse(this.pkgText));
    if (JSON.stringify(this.pkg) !== before) this.plan.write(PACKAGE_JSON, stringifyJsonLike(this.pkg, this.pkgText));
    return { ...this.plan.apply(), managers, created, afterInstall: this.afterInstall };
  }
}

function joinHuskyDir(merge: HooksMerge, legacyStyle: boolean): void {
  const major = declaredMajor(merge.pkg, 'husky');
  // husky 9 puts node_modules/.bin on PATH for its hooks; husky 5-8 do not.
  const bare = !legacyStyle && (major === undefined || major >= 9);
  const run = (command: string) => (bare ? command : merge.exec(command));
  const path = `${HUSKY_DIR}/${PRE_COMMIT}`;
  const text = merge.plan.read(path);
  const existing = text === null ? '' : hookCommands(text).join('\n');
  const commands = merge.commandsToAppend(existing, run);
  merge.runs([existing, ...commands].join('\n'));
  if (commands.length === 0) return;
  if (text === null) {
    merge.plan.write(path, newHookScript(major !== undefined ? major < 9 : legacyStyle, commands), 0o755);
    merge.plan.note(`husky: created ${path} running ${commands.join(', ')}.`);
  } else {
    merge.plan.write(path, appendToHookScript(path, text, commands));
    merge.plan.note(`husky: appended ${commands.join(', ')} to ${path}; your lines are unchanged.`);
  }
}

/** husky 4 and simple-git-hooks: one command string per hook, Paved's joined with `&&` after the team's. */
function joinCommandMap(
  merge: HooksMerge,
  map: HookCommandMap,
  tool: string,
  run: (command: string) => string,
): boolean {
  const existing = map.get(PRE_COMMIT);
  const commands = merge.commandsToAppend(existing ?? '', run);
  merge.runs([existing ?? '', ...commands].join('\n'));
  if (commands.length === 0) return false;
  map.set(PRE_COMMIT, [existing, ...commands].filter((command) => command && command.trim() !== '').join(' && '));
  merge.write(map);
  merge.plan.note(`${tool} (${map.label}): the pre-commit command now ends with && ${commands.join(' && ')}.`);
  return true;
}

function joinLefthook(merge: HooksMerge, lefthook: LefthookConfig): void {
  const runs = lefthook.runs(PRE_COMMIT).join('\n');
  const use = commandUse(runs);
  const missing = merge.tools.filter((tool) => !use[tool]);
  const added: LefthookCommand[] = [];
  if (use.lintStaged) {
    merge.ensureLintStagedTasks(missing);
  } else if (missing.length > 0) {
    // lefthook filters and re-stages files itself: Paved's fixers become commands of its own.
    const files = '{staged_files}';
    const fixes = (tools: readonly FixTool[]) =>
      tools.map((tool) => `${merge.exec(fixCommand(tool))} ${files}`).join(' && ');
    if (missing.length === 2) {
      added.push({ name: 'paved-fix', glob: `*.{${codeExtensions.join(',')}}`, run: fixes(missing), stageFixed: true });
      added.push({
        name: 'paved-format',
        glob: `*.{${dataExtensions.join(',')}}`,
        run: fixes(['prettier']),
        stageFixed: true,
      });
    } else {
      const extensions = missing[0] === 'prettier' ? [...codeExtensions, ...dataExtensions] : codeExtensions;
      added.push({
        name: `paved-${missing[0] === 'prettier' ? 'format' : 'lint'}`,
        glob: `*.{${extensions.join(',')}}`,
        run: fixes(missing),
        stageFixed: true,
      });
    }
    if (lefthook.parallel(PRE_COMMIT)) {
      merge.plan.note(
        `lefthook runs pre-commit in parallel: Paved's fixers may touch files at the same time as your fixers; set parallel: false if they overlap.`,
      );
    }
  }
  const scanned = use.secretScan || (use.lintStaged && runsSecretScan(merge.existingLintStaged()));
  if (!scanned) added.push({ name: 'paved-secrets', run: merge.exec(SECRET_SCAN) });
  for (const command of added) lefthook.add(PRE_COMMIT, command);
  merge.runs([runs, ...added.map((command) => command.run)].join('\n'));
  merge.write(lefthook);
  if (added.length > 0) {
    merge.plan.note(
      `lefthook (${lefthook.path}): added pre-commit ${added.map((c) => c.name).join(', ')}; your commands are unchanged.`,
    );
  }
}

/** Hooks a hand-made setup runs (a script sets core.hooksPath, or git config has one husky did not set). */
function customHooksPath(merge: HooksMerge): { file: string; keyPath: string; value: string } | undefined {
  const scripts = merge.pkg.scripts;
  if (isJsonObject(scripts)) {
    for (const [name, script] of Object.entries(scripts)) {
      if (typeof script === 'string' && script.includes('core.hooksPath')) {
        return { file: PACKAGE_JSON, keyPath: `scripts.${name}`, value: script };
      }
    }
  }
  const gitConfig = merge.plan.isFile('.git/config') ? merge.plan.read('.git/config') : null;
  let section = '';
  for (const line of (gitConfig ?? '').split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) section = header[1].trim().toLowerCase();
    const setting = /^\s*hookspath\s*=\s*(.*?)\s*$/i.exec(line);
    if (section === 'core' && setting && !['.husky', '.husky/_'].includes(setting[1])) {
      return { file: '.git/config', keyPath: 'core.hooksPath', value: setting[1] };
    }
  }
  return undefined;
}

function setUpHusky(merge: HooksMerge): void {
  const custom = customHooksPath(merge);
  if (custom) {
    throw new PavedError({
      code: 'PAVED-707',
      file: custom.file,
      keyPath: custom.keyPath,
      message: `sets core.hooksPath (${custom.value}): your git hooks are run by a setup Paved does not know, and husky would take their place`,
      expected: 'husky, lint-staged, simple-git-hooks or lefthook, or no git hooks at all',
      hint: `call \`${SECRET_SCAN}\` (and lint-staged) from your pre-commit hook yourself and run init with ${SKIP_HOOKS_OPTION}`,
    });
  }
  merge.ensureLintStagedTasks(merge.tools);
  const commands = ['lint-staged', ...(runsSecretScan(merge.existingLintStaged()) ? [] : [SECRET_SCAN])];
  const path = `${HUSKY_DIR}/${PRE_COMMIT}`;
  merge.plan.write(path, newHookScript(false, commands), 0o755);
  merge.runs(commands.join('\n'));
  const scripts = isJsonObject(merge.pkg.scripts) ? merge.pkg.scripts : {};
  const prepare = scripts.prepare;
  if (prepare === undefined) {
    merge.pkg.scripts = { ...scripts, prepare: 'husky' };
  } else if (typeof prepare === 'string' && !/\bhusky\b/.test(prepare)) {
    scripts.prepare = `${prepare} && husky`;
    merge.plan.note(
      `package.json scripts.prepare: kept "${prepare}" and appended "&& husky", so installs also install the hooks.`,
    );
  }
  merge.afterInstall.push(merge.exec('husky'));
  merge.plan.note(
    `No git hook manager found: set up husky with ${path} running lint-staged (${merge.existingLintStaged()?.label ?? NEW_LINT_STAGED_FILE}) and ${SECRET_SCAN}. husky sets core.hooksPath in this repository's .git/config only.`,
  );
  if (merge.plan.isFile('.git/hooks/pre-commit')) {
    merge.plan.note(
      '.git/hooks/pre-commit will stop running once husky sets core.hooksPath: move its commands into .husky/pre-commit.',
    );
  }
}

/**
 * Makes every commit run Paved's pre-commit steps (Prettier and ESLint --fix on staged files where
 * the team's tasks do not already, then `paved scan secrets --staged` once), joining the hook
 * manager the workspace has (husky 4 or 5-9, simple-git-hooks, lefthook, with lint-staged) or
 * setting up husky + lint-staged when it has none. The team's hook lines and tasks are kept and
 * never reordered: Paved's are appended. Refuses configs it cannot edit safely (PAVED-704 to 707).
 */
export function mergeHooksConfig(tree: MergeTree, options: HooksMergeOptions = {}): HooksMergeResult {
  const merge = new HooksMerge(tree, options);
  const { plan, pkg } = merge;
  const huskyMajor = declaredMajor(pkg, 'husky');
  const huskyDir = readHuskyDir(plan);
  const husky4File = HUSKY_4_FILES.find((file) => plan.exists(file));
  const husky4InPackage = isJsonObject(pkg.husky) && isJsonObject(pkg.husky.hooks);
  const husky4Present = husky4InPackage || husky4File !== undefined;
  const husky4Live = husky4Present && (huskyMajor === undefined ? !huskyDir : huskyMajor < 5);
  const huskyDirLive = huskyDir !== undefined && !(huskyMajor !== undefined && huskyMajor < 5);
  const simpleGitHooksFile = SIMPLE_GIT_HOOKS_FILES.find((file) => plan.exists(file));
  const simpleGitHooksInPackage = isJsonObject(pkg['simple-git-hooks']);
  const lefthook = loadLefthook(plan);

  const managers: HookManager[] = [];
  if (huskyDirLive) {
    managers.push('husky');
    joinHuskyDir(merge, huskyDir.legacyStyle);
  }
  if (husky4Live) {
    managers.push('husky-4');
    const map = husky4InPackage
      ? new JsonHookCommands(PACKAGE_JSON, 'package.json "husky.hooks"', pkg, ['husky', 'hooks'], null)
      : hookCommandFile(plan, husky4File as string, ['hooks']);
    joinCommandMap(merge, map, 'husky 4', (command) => command);
  }
  if (simpleGitHooksInPackage || simpleGitHooksFile) {
    managers.push('simple-git-hooks');
    const map = simpleGitHooksInPackage
      ? new JsonHookCommands(PACKAGE_JSON, 'package.json "simple-git-hooks"', pkg, ['simple-git-hooks'], null)
      : hookCommandFile(plan, simpleGitHooksFile as string, []);
    // simple-git-hooks copies the command into .git/hooks when it runs, not when the hook runs.
    if (joinCommandMap(merge, map, 'simple-git-hooks', (command) => merge.exec(command))) {
      merge.afterInstall.push(merge.exec('simple-git-hooks'));
    }
  }
  if (lefthook) {
    managers.push('lefthook');
    joinLefthook(merge, lefthook);
  }
  if (managers.length > 1) {
    plan.note(
      `Several hook managers are configured (${managers.join(', ')}): Paved joined each, so its steps run whichever installs the hooks.`,
    );
  }
  if (managers.length > 0) return merge.finish(managers, false);
  setUpHusky(merge);
  return merge.finish(['husky'], true);
}
