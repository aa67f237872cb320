import { type Rule, type RuleContext } from '../model';

type PackageJson = Record<string, unknown>;
const dependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * The package.json files a check covers: every selected project's, with the project, and the
 * root one (workspace-level, so no project) when the scope includes the workspace level.
 */
function packageJsons({
  model,
  projects,
  workspaceLevel,
}: RuleContext): { file: string; project?: string; json: PackageJson; text: string }[] {
  const found: { file: string; project?: string; json: PackageJson; text: string }[] = [];
  const add = (file: string, project?: string) => {
    const text = model.files.read(file);
    if (text === undefined) return;
    try {
      found.push({ file, project, json: JSON.parse(text) as PackageJson, text });
    } catch {
      // A broken package.json is Nx's and npm's error to report, with better context than ours.
    }
  };
  if (workspaceLevel) add('package.json');
  for (const name of projects) {
    const root = model.projects[name].root;
    if (root !== '.' && root !== '') add(`${root}/package.json`, name);
  }
  return found;
}

function lineOf(text: string, needle: string): number | undefined {
  const index = text.indexOf(needle);
  return index === -1 ? undefined : text.slice(0, index).split('\n').length;
}

export const bannedDependencies: Rule = {
  id: 'banned-dependencies',
  description: 'No package.json depends on a package paved.json bans.',
  run(context) {
    const banned = context.model.policy.dependencies.banned;
    if (banned.length === 0) return;
    for (const { file, project, json, text } of packageJsons(context)) {
      for (const field of dependencyFields) {
        const dependencies = (json[field] ?? {}) as Record<string, string>;
        for (const { name, reason } of banned) {
          if (!Object.hasOwn(dependencies, name)) continue;
          context.report({
            project,
            file,
            line: lineOf(text, `"${name}"`),
            key: `${file}:${field}:${name}`,
            message: `${field} includes "${name}", which paved.json bans${reason ? `: ${reason}` : ''}`,
            hint: `remove "${name}" from ${file}`,
          });
        }
      }
    }
  },
};

export const toolchainPins: Rule = {
  id: 'toolchain-pins',
  description: 'engines.node and packageManager agree with paved.json toolchain.',
  run(context) {
    const { node, packageManager } = context.model.policy.toolchain;
    for (const { file, project, json, text } of packageJsons(context)) {
      const isRoot = file === 'package.json';
      const engines = (json.engines ?? {}) as Record<string, string>;
      if (node && (isRoot || engines.node !== undefined) && engines.node !== node) {
        context.report({
          project,
          file,
          line: lineOf(text, '"engines"'),
          key: `${file}:engines.node`,
          message: `engines.node is ${engines.node === undefined ? 'missing' : `"${engines.node}"`}, but paved.json pins "${node}"`,
          hint: `set "engines": { "node": "${node}" }${isRoot ? '' : ', or drop engines from this package to inherit the root'}`,
        });
      }
      if (packageManager && (isRoot || json.packageManager !== undefined) && json.packageManager !== packageManager) {
        context.report({
          project,
          file,
          line: lineOf(text, '"packageManager"'),
          key: `${file}:packageManager`,
          message: `packageManager is ${json.packageManager === undefined ? 'missing' : `"${String(json.packageManager)}"`}, but paved.json pins "${packageManager}"`,
          hint: `set "packageManager": "${packageManager}"`,
        });
      }
    }
  },
};
