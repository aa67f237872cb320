import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import semver from 'semver';
import { type CheckOutcome, type DoctorContext, type Fix } from '../model';

/** A hook manager the workspace declares (dependency or configuration file). */
export type HookManager =
  | { id: 'husky'; major: number; /** The husky folder, absolute. */ dir: string }
  | { id: 'lefthook' }
  | { id: 'simple-git-hooks' };

/** Who wrote a hook file, as its content tells. */
export type HookWriter = 'husky-9' | 'husky-8' | 'husky-4' | 'lefthook' | 'simple-git-hooks';

export interface HookFile {
  path: string;
  exists: boolean;
  executable: boolean;
  content: string;
}

/** What git and the workspace say about the pre-commit hook. */
export interface HookState {
  /** The workspace root, where node_modules/.bin holds the managers. */
  root: string;
  gitRoot: string;
  /** The repository's own folders (worktree and common git dir): the only places doctor writes to. */
  repositoryDirs: string[];
  /** The hooks folder git uses here (`git rev-parse --git-path hooks`), absolute. */
  hooksDir: string;
  /** core.hooksPath in effect, and the config scope it comes from (local, worktree, global, system, command). */
  hooksPath?: { value: string; scope: string; origin: string };
  /** `<hooksDir>/pre-commit`: what git runs before a commit. */
  preCommit: HookFile;
  writer?: HookWriter;
  /** Declared managers, the one that should own the hooks first. */
  managers: HookManager[];
  /** husky 9: the team's script the installed stub runs (`.husky/pre-commit`). */
  huskyScript?: HookFile;
  runsLintStaged: boolean;
  /** True on Windows, where git ignores the executable bit. */
  ignoresExecutableBit: boolean;
}

/** What --fix would do: run the workspace's manager, or set the executable bit. */
export type HookRepair =
  { kind: 'run-manager'; bin: string; args: string[]; cwd: string } | { kind: 'chmod'; path: string };

export interface HookVerdict extends Omit<CheckOutcome, 'fix'> {
  repair?: HookRepair;
}

const GIT_TIMEOUT_MS = 30_000;

/** Reads the hook setup with git itself, so core.hooksPath, worktrees and GIT_DIR count as git counts them. */
export async function inspectHooks(context: DoctorContext): Promise<HookState | { notChecked: string }> {
  const git = (...args: string[]) =>
    context.run('git', args, { cwd: context.root, env: context.env, timeoutMs: GIT_TIMEOUT_MS });
  const top = await git('rev-parse', '--show-toplevel', '--git-common-dir');
  if (top.failure === 'ENOENT') return { notChecked: 'git is not installed (not on PATH)' };
  if (top.status !== 0) return { notChecked: 'not a git repository' };
  const [gitRoot, commonDir] = top.stdout.trim().split('\n');
  const hooks = await git('rev-parse', '--git-path', 'hooks');
  const hooksDir = resolve(context.root, hooks.stdout.trim());
  const config = await git('config', '--show-scope', '--show-origin', '--get', 'core.hooksPath');
  const [scope, origin, ...value] = config.status === 0 ? config.stdout.replace(/\n$/, '').split('\t') : [];
  const managers = declaredManagers(context, gitRoot);
  const husky = managers.find((m) => m.id === 'husky');
  const preCommit = hookFile(join(hooksDir, 'pre-commit'));
  const huskyScript = husky && husky.major >= 9 ? hookFile(join(husky.dir, 'pre-commit')) : undefined;
  return {
    root: context.root,
    gitRoot,
    repositoryDirs: [gitRoot, resolve(context.root, commonDir)],
    hooksDir,
    ...(scope ? { hooksPath: { value: value.join('\t'), scope, origin } } : {}),
    preCommit,
    writer: preCommit.exists ? writerOf(preCommit.content, hooksDir) : undefined,
    managers,
    ...(huskyScript ? { huskyScript } : {}),
    runsLintStaged: [preCommit.content, huskyScript?.content ?? '', managerConfigText(context)].some((text) =>
      text.includes('lint-staged'),
    ),
    ignoresExecutableBit: context.platform === 'win32',
  };
}

/** The verdict on a hook state, and the repair --fix may make: pure, so every rule is tested on its own. */
export function judgeHooks(state: HookState): HookVerdict {
  const rel = (path: string) => relative(state.gitRoot, path) || '.';
  const hooksDir = rel(state.hooksDir);
  const preCommit = rel(state.preCommit.path);
  const [manager, ...others] = state.managers;
  const label = manager ? managerLabel(manager) : undefined;
  const details = {
    hooksDir,
    hooksPath: state.hooksPath ?? null,
    preCommit: { path: preCommit, exists: state.preCommit.exists, executable: state.preCommit.executable },
    writer: state.writer ?? null,
    managers: state.managers.map(managerLabel),
    runsLintStaged: state.runsLintStaged,
  };
  const rerun = manager ? managerRepair(manager, state) : undefined;

  if (state.hooksPath && !['local', 'worktree'].includes(state.hooksPath.scope)) {
    const where = `your ${state.hooksPath.scope} git config (${state.hooksPath.origin.replace(/^file:/, '')})`;
    const reason = `core.hooksPath is set in ${where} to ${state.hooksPath.value}: git runs the hooks there, not this repository's`;
    if (manager?.id === 'husky' && manager.major >= 5) {
      // husky sets a repository-local core.hooksPath, which wins over the global one.
      return { verdict: 'fail', reason, ...repairOrHint(rerun, manager), details };
    }
    return {
      verdict: 'fail',
      reason,
      hint: 'set a repository-local one (`git config core.hooksPath .git/hooks`) or remove the global one; doctor never changes global git config',
      details,
    };
  }

  if (manager?.id === 'husky' && manager.major >= 5) {
    const expected = manager.major >= 9 ? join(manager.dir, '_') : manager.dir;
    if (resolve(state.hooksDir) !== resolve(expected)) {
      const setting = state.hooksPath ? `core.hooksPath is ${state.hooksPath.value}` : 'core.hooksPath is not set';
      if (state.preCommit.exists) {
        return {
          verdict: 'fail',
          reason: `${label} is configured but git runs ${preCommit} instead (${setting}, not ${rel(expected)})`,
          hint: `run \`${manager.major >= 9 ? 'husky' : 'husky install'}\` to use the team's hooks; ${preCommit} would stop running, so move what it does into ${rel(join(manager.dir, 'pre-commit'))} first`,
          details,
        };
      }
      return {
        verdict: 'fail',
        reason: `${label} is configured but its hooks are not installed (${setting}, not ${rel(expected)})`,
        ...repairOrHint(rerun, manager),
        details,
      };
    }
    if (manager.major < 9 && !state.preCommit.exists) {
      return {
        verdict: 'fail',
        reason: `${label} is installed but ${preCommit} does not exist: no pre-commit runs`,
        hint: `add ${preCommit} (executable) with the commands to run before a commit (e.g. lint-staged)`,
        details,
      };
    }
  }

  if (!state.preCommit.exists) {
    if (!manager) {
      return {
        verdict: 'warn',
        reason: `no pre-commit hook in ${hooksDir} and no hook manager configured: commits are not checked`,
        hint: 'nx g @paved/nx:init sets up husky and lint-staged (or add husky, lefthook or simple-git-hooks yourself)',
        details,
      };
    }
    return {
      verdict: 'fail',
      reason: `${label} is configured but no pre-commit hook is installed in ${hooksDir}`,
      ...repairOrHint(rerun, manager),
      details,
    };
  }

  if (!state.preCommit.executable && !state.ignoresExecutableBit) {
    const inside = state.repositoryDirs.some((dir) => isInside(dir, state.preCommit.path));
    return {
      verdict: 'fail',
      reason: `${preCommit} is not executable: git ignores it`,
      hint: inside ? `paved doctor --fix sets its executable bit (chmod +x ${preCommit})` : `chmod +x ${preCommit}`,
      details,
      ...(inside ? { repair: { kind: 'chmod', path: state.preCommit.path } } : {}),
    };
  }

  if (state.huskyScript && !state.huskyScript.exists) {
    return {
      verdict: 'fail',
      reason: `${label} is installed but ${rel(state.huskyScript.path)} does not exist: no pre-commit runs`,
      hint: `add ${rel(state.huskyScript.path)} with the commands to run before a commit (e.g. lint-staged)`,
      details,
    };
  }

  const runs = state.runsLintStaged ? ', runs lint-staged' : '';
  const writtenBy = state.writer ? writerLabel(state.writer) : undefined;
  if (manager && writtenBy && !sameManager(manager, state.writer as HookWriter)) {
    return {
      verdict: 'warn',
      reason: `${preCommit} was written by ${writtenBy}, but the workspace configures ${label}`,
      hint: `remove the leftover hook or the manager the team no longer uses${others.length ? ` (also configured: ${others.map(managerLabel).join(', ')})` : ''}`,
      details,
    };
  }
  const by = label ?? writtenBy ?? 'hand-written, no hook manager configured';
  return { verdict: 'pass', reason: `pre-commit hook installed in ${hooksDir} (${by}${runs})`, details };
}

/** The hooks check: inspect, judge, and turn a planned repair into a fix. */
export async function checkHooks(context: DoctorContext): Promise<CheckOutcome> {
  const state = await inspectHooks(context);
  if ('notChecked' in state) {
    return {
      verdict: 'warn',
      reason: `hooks not checked: ${state.notChecked}`,
      hint: 'run doctor in a git clone of the workspace, with git on PATH',
    };
  }
  const { repair, ...verdict } = judgeHooks(state);
  return repair ? { ...verdict, fix: hookFix(context, repair) } : verdict;
}

function hookFix(context: DoctorContext, repair: HookRepair): Fix {
  if (repair.kind === 'chmod') {
    return {
      action: `chmod +x ${relative(context.root, repair.path)}`,
      async apply() {
        chmodSync(repair.path, statSync(repair.path).mode | 0o111);
        return `made ${relative(context.root, repair.path)} executable`;
      },
    };
  }
  const command = [relative(context.root, repair.bin), ...repair.args].join(' ');
  return {
    action: `run ${command}`,
    async apply() {
      const result = await context.run(repair.bin, repair.args, {
        cwd: repair.cwd,
        env: context.env,
        timeoutMs: 60_000,
      });
      const said = (result.stderr.trim() || result.stdout.trim()).split('\n')[0];
      if (result.status !== 0) {
        throw new Error(`${command} ${result.failure ?? `exited ${result.status}`}${said ? `: ${said}` : ''}`);
      }
      return `ran ${command}${said ? ` (${said})` : ''}`;
    },
  };
}

function repairOrHint(
  rerun: HookRepair | null | undefined,
  manager: HookManager,
): Pick<HookVerdict, 'hint' | 'repair'> {
  if (rerun?.kind === 'run-manager') {
    return { hint: `paved doctor --fix runs ${[basename(rerun.bin), ...rerun.args].join(' ')}`, repair: rerun };
  }
  if (rerun === null) {
    return {
      hint: `install the workspace's dependencies first (e.g. \`pnpm install\`): ${manager.id} is not in node_modules/.bin`,
    };
  }
  return {
    hint: 'husky 4 installs its hooks when it is installed: reinstall it (e.g. `pnpm rebuild husky`), or move to husky 9',
  };
}

/** The command that installs the manager's hooks; null when its binary is not installed; undefined for husky 4. */
function managerRepair(manager: HookManager, state: HookState): HookRepair | null | undefined {
  if (manager.id === 'husky' && manager.major < 5) return undefined;
  const bin = state.ignoresExecutableBit ? `${manager.id}.cmd` : manager.id;
  const found = [state.root, state.gitRoot]
    .map((dir) => join(dir, 'node_modules', '.bin', bin))
    .find((path) => existsSync(path));
  if (!found) return null;
  if (manager.id === 'husky') {
    // husky runs from the repository root and takes its folder relative to it.
    const dir = relative(state.gitRoot, manager.dir);
    const args = manager.major >= 9 ? [] : ['install'];
    return { kind: 'run-manager', bin: found, args: dir === '.husky' ? args : [...args, dir], cwd: state.gitRoot };
  }
  return { kind: 'run-manager', bin: found, args: manager.id === 'lefthook' ? ['install'] : [], cwd: state.root };
}

export function managerLabel(manager: HookManager): string {
  return manager.id === 'husky' ? `husky ${manager.major}` : manager.id;
}

function writerLabel(writer: HookWriter): string {
  return writer.startsWith('husky-') ? `husky ${writer.slice(6)}` : writer;
}

function sameManager(manager: HookManager, writer: HookWriter): boolean {
  if (manager.id !== 'husky') return manager.id === writer;
  if (writer === 'husky-9') return manager.major >= 9;
  if (writer === 'husky-8') return manager.major >= 5 && manager.major < 9;
  return writer === 'husky-4' && manager.major < 5;
}

export function writerOf(content: string, hooksDir: string): HookWriter | undefined {
  if (content.includes('lefthook')) return 'lefthook';
  if (/SKIP_SIMPLE_GIT_HOOKS|simple-git-hooks/.test(content)) return 'simple-git-hooks';
  // husky 9's stub sources `_/h`: `. "$(dirname "$0")/h"` (9.1) or `. "${0%/*}/h"` (9.0).
  if (basename(hooksDir) === '_' && /\/h"?\s*$/m.test(content)) return 'husky-9';
  if (content.includes('husky.sh')) return basename(hooksDir) === 'hooks' ? 'husky-4' : 'husky-8';
  return undefined;
}

const lefthookConfigs = ['lefthook', '.lefthook', '.config/lefthook'].flatMap((base) =>
  ['yml', 'yaml', 'json', 'jsonc', 'toml'].map((ext) => `${base}.${ext}`),
);
const simpleGitHooksConfigs = ['.simple-git-hooks', 'simple-git-hooks'].flatMap((base) =>
  ['cjs', 'js', 'mjs', 'json'].map((ext) => `${base}.${ext}`),
);
const husky4Configs = [
  '.huskyrc',
  '.huskyrc.json',
  '.huskyrc.js',
  '.huskyrc.cjs',
  'husky.config.js',
  'husky.config.cjs',
];

/** Managers the workspace declares, husky first (it owns core.hooksPath when it is there). */
export function declaredManagers(context: Pick<DoctorContext, 'root' | 'packageJson'>, gitRoot: string): HookManager[] {
  const manifest = context.packageJson ?? {};
  const declared = (name: string) =>
    ['dependencies', 'devDependencies', 'optionalDependencies'].some(
      (field) => typeof (manifest[field] as Record<string, unknown> | undefined)?.[name] === 'string',
    );
  const exists = (file: string) => existsSync(join(context.root, file));
  const managers: HookManager[] = [];
  const huskyDir = [context.root, gitRoot].map((dir) => join(dir, '.husky')).find((dir) => existsSync(dir));
  const husky4Config = manifest.husky !== undefined || husky4Configs.some(exists);
  if (declared('husky') || huskyDir || husky4Config) {
    managers.push({
      id: 'husky',
      major: huskyMajor(context, huskyDir, husky4Config),
      dir: huskyDir ?? join(context.root, '.husky'),
    });
  }
  if (declared('lefthook') || lefthookConfigs.some(exists)) managers.push({ id: 'lefthook' });
  if (
    declared('simple-git-hooks') ||
    manifest['simple-git-hooks'] !== undefined ||
    simpleGitHooksConfigs.some(exists)
  ) {
    managers.push({ id: 'simple-git-hooks' });
  }
  return managers;
}

/** The installed husky's major, else the declared range's, else what its folder looks like. */
function huskyMajor(
  context: Pick<DoctorContext, 'root' | 'packageJson'>,
  huskyDir: string | undefined,
  husky4Config: boolean,
): number {
  try {
    const installed = JSON.parse(readFileSync(join(context.root, 'node_modules', 'husky', 'package.json'), 'utf-8'));
    const major = semver.parse(installed.version)?.major;
    if (major !== undefined) return major;
  } catch {
    // not installed: fall through to what package.json declares
  }
  const manifest = context.packageJson ?? {};
  for (const field of ['devDependencies', 'dependencies']) {
    const range = (manifest[field] as Record<string, unknown> | undefined)?.husky;
    if (typeof range === 'string' && semver.validRange(range)) {
      const major = semver.minVersion(range)?.major;
      if (major !== undefined) return major;
    }
  }
  if (huskyDir && existsSync(join(huskyDir, '_', 'h'))) return 9;
  if (huskyDir && existsSync(join(huskyDir, '_', 'husky.sh'))) return 8;
  return husky4Config && !huskyDir ? 4 : 9;
}

function managerConfigText(context: Pick<DoctorContext, 'root' | 'packageJson'>): string {
  const fromManifest = JSON.stringify([context.packageJson?.husky, context.packageJson?.['simple-git-hooks']]);
  const files = [...lefthookConfigs, ...simpleGitHooksConfigs, ...husky4Configs]
    .map((file) => join(context.root, file))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path, 'utf-8'));
  return [fromManifest, ...files].join('\n');
}

function hookFile(path: string): HookFile {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return { path, exists: false, executable: false, content: '' };
    return { path, exists: true, executable: (stats.mode & 0o111) !== 0, content: readFileSync(path, 'utf-8') };
  } catch {
    return { path, exists: false, executable: false, content: '' };
  }
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
