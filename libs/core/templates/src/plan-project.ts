import { throwIfProblems, type Problem } from '@paved/errors';
import {
  applyLayout,
  identifierPattern,
  importPathFor,
  layoutProblems,
  ownerPattern,
  resolveOwners,
  scopeTag,
  typeTag,
  type Policy,
} from '@paved/policy';
import { posix } from 'node:path';
import { type Catalog, type Kind } from './catalog';
import { allowedTypesOf, layoutOfKind } from './kind-settings';

export interface ProjectRequest {
  kind?: string;
  name?: string;
  scope?: string;
  type?: string;
  /** Comma-separated or a list. */
  owners?: string | readonly string[];
  description?: string;
  publishable?: boolean;
}

/** What the workspace already holds, so the plan can refuse collisions. */
export interface WorkspaceState {
  projectNames: ReadonlySet<string>;
  importPaths: ReadonlySet<string>;
  /** Where importPaths are declared, for the message (default: tsconfig.base.json paths). */
  importPathsFile?: string;
  /** Whether a workspace-relative path exists (file or folder). */
  exists(path: string): boolean;
}

export interface ProjectPlan {
  kind: Kind;
  name: string;
  scope: string;
  type: string;
  owners: string[];
  /** Owners given on the command line; empty when they come from paved.json. */
  explicitOwners: string[];
  description: string;
  publishable: boolean;
  /** Workspace-relative, "/"-separated. */
  projectRoot: string;
  importPath: string;
  tags: string[];
}

export const MAX_NAME_LENGTH = 64;

/** Names that would confuse Nx, npm or the layout itself. */
export const reservedNames: ReadonlySet<string> = new Set([
  'apps',
  'dist',
  'generators',
  'libs',
  'node-modules',
  'nx',
  'paved',
  'src',
  'test',
  'tmp',
  'tools',
  'workspace',
]);

const SCRIPT_RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    'arguments await break case catch class const continue debugger default delete do else enum eval export ' +
    'extends false finally for function if implements import in instanceof interface let new null package ' +
    'private protected public return static super switch this throw true try typeof var void while with yield'
  ).split(' '),
);

const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * Validates a `project` request against the policy, the catalog and the
 * workspace, and returns everything the generator needs. Every problem is
 * reported at once; nothing is written by this function.
 */
export function planProject(
  request: ProjectRequest,
  policy: Policy,
  catalog: Catalog,
  workspace: WorkspaceState,
): ProjectPlan {
  const problems: Problem[] = [];
  const kind = resolveKind(request.kind, catalog, problems);
  const name = checkName(request.name, problems);
  const scope = checkScope(request.scope, policy, problems);
  const type = kind ? checkType(request.type, kind, policy, problems) : undefined;
  const explicitOwners = checkOwners(request.owners, problems);

  let projectRoot: string | undefined;
  if (kind && name && scope && type) {
    projectRoot = resolveProjectRoot(kind, policy, { name, scope, type }, problems);
  }
  if (name && workspace.projectNames.has(name)) {
    problems.push({
      code: 'PAVED-206',
      message: `a project named "${name}" already exists`,
      hint: 'choose another --name; project names are unique across the workspace',
    });
  }
  const importPath = name ? importPathFor(policy, name) : undefined;
  if (importPath && workspace.importPaths.has(importPath)) {
    problems.push({
      code: 'PAVED-210',
      file: workspace.importPathsFile ?? 'tsconfig.base.json',
      ...(workspace.importPathsFile?.endsWith('package.json')
        ? {}
        : { keyPath: `compilerOptions.paths["${importPath}"]` }),
      message: `import path "${importPath}" is already ${workspace.importPathsFile?.endsWith('package.json') ? 'the name of a workspace package' : 'mapped'}`,
      hint: 'choose another --name or remove the stale mapping',
    });
  }
  if (projectRoot && workspace.exists(projectRoot)) {
    problems.push({
      code: 'PAVED-207',
      message: `folder "${projectRoot}" already exists`,
      hint: 'choose another --name, or move the existing folder away first',
    });
  }
  throwIfProblems(problems);

  // Every value below was checked above; throwIfProblems guarantees they are set.
  const checkedKind = kind as Kind;
  const checkedScope = scope as string;
  const checkedType = type as string;
  return {
    kind: checkedKind,
    name: name as string,
    scope: checkedScope,
    type: checkedType,
    owners: resolveOwners(policy, checkedScope, explicitOwners),
    explicitOwners,
    description: request.description?.trim() || checkedKind.template.description,
    publishable: request.publishable ?? false,
    projectRoot: projectRoot as string,
    importPath: importPath as string,
    tags: [scopeTag(checkedScope), typeTag(checkedType)],
  };
}

function missing(option: string, expected: string): Problem {
  return { code: 'PAVED-211', message: `--${option} is required`, expected };
}

/** A scope or type the request names but paved.json does not declare. */
function undeclared(
  code: 'PAVED-201' | 'PAVED-202',
  key: 'scopes' | 'types',
  value: string,
  declared: string[],
): Problem {
  return {
    code,
    file: 'paved.json',
    keyPath: key,
    message: `unknown ${key === 'scopes' ? 'scope' : 'type'} "${value}"`,
    expected: `one of ${declared.join(', ')}`,
    hint: `declare new ${key} in paved.json first`,
  };
}

function resolveKind(kindName: string | undefined, catalog: Catalog, problems: Problem[]): Kind | undefined {
  const known = catalog.kindNames();
  if (!kindName) {
    problems.push(missing('kind', `one of ${known.join(', ')}`));
    return undefined;
  }
  const kind = identifierPattern.test(kindName) ? catalog.find(kindName) : undefined;
  if (!kind) {
    problems.push({
      code: 'PAVED-200',
      message: `unknown kind "${kindName}"`,
      expected: `one of ${known.join(', ')}`,
      hint: 'kinds are folders of the template catalog (generators/<kind>/template.json)',
    });
  }
  return kind;
}

function checkName(name: string | undefined, problems: Problem[]): string | undefined {
  if (!name) {
    problems.push(missing('name', 'a kebab-case name such as "billing-api"'));
    return undefined;
  }
  if (name.includes('/') || name.includes('\\') || name.includes('..') || posix.isAbsolute(name)) {
    problems.push({
      code: 'PAVED-208',
      message: `name "${name}" is a path; it would place the project outside the layout paved.json dictates`,
      expected: 'a plain kebab-case name; the folder comes from paved.json kinds.<kind>.path',
    });
    return undefined;
  }
  if (!identifierPattern.test(name) || name.length > MAX_NAME_LENGTH) {
    problems.push({
      code: 'PAVED-204',
      message: `name "${name}" is not valid`,
      expected: `kebab-case (lowercase letters and digits, words joined by "-", starting with a letter), at most ${MAX_NAME_LENGTH} characters`,
    });
    return undefined;
  }
  if (reservedNames.has(name)) {
    problems.push({
      code: 'PAVED-205',
      message: `name "${name}" is reserved`,
      hint: `reserved names: ${[...reservedNames].join(', ')}`,
    });
    return undefined;
  }
  // A one-word name is also the identifier templates export (`export function <name>`).
  if (SCRIPT_RESERVED_WORDS.has(name)) {
    problems.push({
      code: 'PAVED-205',
      message: `name "${name}" is a reserved word of JavaScript or TypeScript, so the code generated for it cannot compile`,
      hint: `add a word: "${name}-lib", "${name}-service"`,
    });
    return undefined;
  }
  if (WINDOWS_DEVICE_NAMES.test(name)) {
    problems.push({
      code: 'PAVED-205',
      message: `name "${name}" is a device name on Windows, where a folder of that name cannot be created or checked out`,
      hint: `add a word: "${name}-lib"`,
    });
    return undefined;
  }
  return name;
}

function checkScope(scope: string | undefined, policy: Policy, problems: Problem[]): string | undefined {
  const declared = Object.keys(policy.scopes);
  if (!scope) {
    problems.push(missing('scope', `one of ${declared.join(', ')}`));
    return undefined;
  }
  if (!Object.hasOwn(policy.scopes, scope)) {
    problems.push(undeclared('PAVED-201', 'scopes', scope, declared));
    return undefined;
  }
  return scope;
}

function checkType(type: string | undefined, kind: Kind, policy: Policy, problems: Problem[]): string | undefined {
  const declared = Object.keys(policy.types);
  const allowed = allowedTypesOf(kind, policy);
  if (allowed.length === 0) {
    problems.push({
      code: 'PAVED-203',
      file: 'paved.json',
      keyPath: `kinds.${kind.name}.types`,
      message: `kind "${kind.name}" allows none of this workspace's types (${declared.join(', ')})`,
      hint: `set kinds.${kind.name}.types in paved.json`,
    });
    return undefined;
  }
  const chosen =
    type ||
    (kind.template.defaultType && allowed.includes(kind.template.defaultType)
      ? kind.template.defaultType
      : undefined) ||
    (allowed.length === 1 ? allowed[0] : undefined);
  if (!chosen) {
    problems.push(missing('type', `one of ${allowed.join(', ')}`));
    return undefined;
  }
  if (!Object.hasOwn(policy.types, chosen)) {
    problems.push(undeclared('PAVED-202', 'types', chosen, declared));
    return undefined;
  }
  if (!allowed.includes(chosen)) {
    problems.push({
      code: 'PAVED-203',
      message: `kind "${kind.name}" cannot be of type "${chosen}"`,
      expected: `one of ${allowed.join(', ')}`,
    });
    return undefined;
  }
  return chosen;
}

function checkOwners(owners: string | readonly string[] | undefined, problems: Problem[]): string[] {
  const list = (typeof owners === 'string' ? owners.split(',') : (owners ?? []))
    .map((owner) => owner.trim())
    .filter(Boolean);
  for (const owner of list) {
    if (!ownerPattern.test(owner)) {
      problems.push({
        code: 'PAVED-209',
        message: `owner "${owner}" is not valid`,
        expected: '@user, @org/team or an e-mail address',
      });
    }
  }
  return [...new Set(list)];
}

function resolveProjectRoot(
  kind: Kind,
  policy: Policy,
  values: { name: string; scope: string; type: string },
  problems: Problem[],
): string | undefined {
  const pattern = layoutOfKind(kind, policy);
  const patternProblems = layoutProblems(pattern);
  if (patternProblems.length > 0) {
    for (const message of patternProblems)
      problems.push({ code: 'PAVED-104', message, keyPath: `kinds.${kind.name}.path` });
    return undefined;
  }
  const root = posix.normalize(applyLayout(pattern, values));
  if (root.startsWith('..') || posix.isAbsolute(root)) {
    problems.push({ code: 'PAVED-208', message: `project folder "${root}" is outside the workspace` });
    return undefined;
  }
  return root;
}
