import { identifierPattern, type PolicyInput } from '@paved/policy';
import { catchAllRule, ownersOfFolder, parseCodeowners, type OwnershipRule } from './codeowners-rules';
import { allowedDependencies, defaultLayers, isAppLayer, isKnownLayer, sharedScopeNames } from './layers';
import { type ObservedProject, type ObservedWorkspace, type Reason } from './observed';

export interface InferredPolicy {
  /** paved.json as init writes it. */
  policy: PolicyInput;
  /** Why each part is what it is, in the order init prints them. */
  reasons: Reason[];
}

/** Folders that hold projects rather than name an area: under them, the next folder is the scope. */
const containerFolders: ReadonlySet<string> = new Set(['apps', 'libs', 'packages', 'projects', 'modules', 'services']);

interface Classified extends ObservedProject {
  scope?: string;
  type?: string;
  isApp: boolean;
}

/**
 * A paved.json that fits the workspace as it is: its npm scope, the scopes and types its
 * tags already use (or, without tags, its top folders and Paved's default layering), kinds
 * laid out where projects already live, owners from its CODEOWNERS, and the toolchain its
 * root package.json pins. Dependency rules are the conventional ones, not the observed
 * edges: edges that break them are what init's baseline records.
 */
export function inferPolicy(workspace: ObservedWorkspace): InferredPolicy {
  const reasons: Reason[] = [];
  const projects = workspace.projects.filter((p) => p.root !== '.' && p.root !== '');
  const scopeTags = projects.some((p) => tagValues(p, 'scope').length > 0);
  const typeTags = projects.some((p) => tagValues(p, 'type').length > 0);
  const classified = projects.map((project): Classified => {
    const isApp = project.projectType === 'application' || /^(apps|services)\//.test(project.root);
    return {
      ...project,
      scope: scopeTags ? validTag(project, 'scope') : scopeFromFolder(project.root),
      type: typeTags ? validTag(project, 'type') : undefined,
      isApp,
    };
  });

  const npmScope = inferNpmScope(workspace, reasons);
  const rules = workspace.codeowners ? parseCodeowners(workspace.codeowners.text) : [];
  const scopes = inferScopes(classified, scopeTags, rules, workspace.codeowners?.path, reasons);
  const types = inferTypes(classified, typeTags, reasons);
  const kinds = inferKinds(classified, Object.keys(types), reasons);
  const defaultOwners = catchAllRule(rules)?.owners ?? [];
  if (defaultOwners.length > 0) {
    reasons.push({
      key: 'owners.default',
      message: `${defaultOwners.join(' ')}: the catch-all line of ${workspace.codeowners?.path}`,
    });
  } else if (workspace.codeowners) {
    reasons.push({ key: 'owners.default', message: `none: ${workspace.codeowners.path} has no catch-all line` });
  }
  const sharedScopes = Object.keys(scopes).filter((scope) => sharedScopeNames.has(scope));
  if (sharedScopes.length > 0) {
    reasons.push({
      key: 'sharedScopes',
      message: `${sharedScopes.join(', ')}: every scope may depend on ${sharedScopes.length > 1 ? 'them' : 'it'}, by its name`,
    });
  }
  const toolchain = inferToolchain(workspace, reasons);
  const formats: ('github' | 'gitlab')[] = [
    ...(workspace.hosts.github || !workspace.hosts.gitlab ? (['github'] as const) : []),
    ...(workspace.hosts.gitlab ? (['gitlab'] as const) : []),
  ];
  reasons.push({
    key: 'codeowners.formats',
    message: `${formats.join(', ')}: ${workspace.hosts.gitlab ? 'the repository has GitLab files' : 'the default'}${workspace.hosts.github && workspace.hosts.gitlab ? ' and GitHub files' : ''}`,
  });

  const policy: PolicyInput = {
    $schema: './node_modules/@paved/nx/paved.schema.json',
    npmScope,
    scopes,
    ...(sharedScopes.length > 0 ? { sharedScopes } : {}),
    types,
    kinds,
    owners: { default: defaultOwners },
    ...(Object.keys(toolchain).length > 0 ? { toolchain } : {}),
    codeowners: { formats },
  };
  return { policy, reasons };
}

function tagValues(project: ObservedProject, prefix: 'scope' | 'type'): string[] {
  return project.tags.filter((tag) => tag.startsWith(`${prefix}:`)).map((tag) => tag.slice(prefix.length + 1));
}

/** The project's one scope:/type: value, when it is a name paved.json can declare. */
function validTag(project: ObservedProject, prefix: 'scope' | 'type'): string | undefined {
  const values = tagValues(project, prefix);
  return values.length === 1 && identifierPattern.test(values[0]) ? values[0] : undefined;
}

/** `libs/shop/cart` → shop; `packages/query-core` → packages; `tools/scripts` → tools. */
function scopeFromFolder(root: string): string | undefined {
  const segments = root.split('/');
  const folder = segments.length >= 3 && containerFolders.has(segments[0]) ? segments[1] : segments[0];
  return identifierFrom(folder);
}

function identifierFrom(text: string): string | undefined {
  const candidate = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return identifierPattern.test(candidate) ? candidate : undefined;
}

function mostCommon<T>(values: readonly T[], key: (value: T) => string): { value: T; count: number } | undefined {
  const counts = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const entry = counts.get(key(value)) ?? { value, count: 0 };
    entry.count += 1;
    counts.set(key(value), entry);
  }
  // Ties go to the first key in sorted order, so the result does not depend on project order.
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b))
    .map(([, entry]) => entry)[0];
}

const scopeOf = (name: string | undefined) => /^(@[a-z0-9][a-z0-9._~-]*)\//.exec(name ?? '')?.[1];

function inferNpmScope(workspace: ObservedWorkspace, reasons: Reason[]): string {
  const sources: [string, (string | undefined)[]][] = [
    ['project package names', workspace.projects.map((p) => p.packageName)],
    ['import paths of the root tsconfig', [...(workspace.importPaths ?? [])]],
  ];
  for (const [what, names] of sources) {
    const common = mostCommon(
      names.map(scopeOf).filter((scope): scope is string => scope !== undefined),
      (scope) => scope,
    );
    if (common) {
      reasons.push({
        key: 'npmScope',
        message: `${common.value}: the scope of ${common.count} of ${names.length} ${what}`,
      });
      return common.value;
    }
  }
  const rootName = typeof workspace.rootPackageJson?.name === 'string' ? workspace.rootPackageJson.name : '';
  const rootScope = scopeOf(rootName);
  if (rootScope) {
    reasons.push({ key: 'npmScope', message: `${rootScope}: the scope of the root package.json name` });
    return rootScope;
  }
  const fromName = identifierFrom(rootName.replace(/^@[^/]+\//, '')) ?? identifierFrom(workspace.folderName) ?? 'acme';
  reasons.push({
    key: 'npmScope',
    message: `@${fromName}: no package name or import path has a scope, so the ${rootName ? 'root package name' : 'workspace folder name'}`,
  });
  return `@${fromName}`;
}

function inferScopes(
  projects: readonly Classified[],
  fromTags: boolean,
  rules: readonly OwnershipRule[],
  codeownersPath: string | undefined,
  reasons: Reason[],
): NonNullable<PolicyInput['scopes']> {
  const names = [...new Set(projects.map((p) => p.scope).filter((s): s is string => s !== undefined))].sort();
  const catchAll = catchAllRule(rules);
  const scopes: NonNullable<PolicyInput['scopes']> = {};
  for (const name of names) {
    const members = projects.filter((p) => p.scope === name);
    // The catch-all line already gives the default owners; a scope's own come from narrower lines.
    const owners = mostCommon(
      members
        .map((p) => ownersOfFolder(rules, p.root))
        .filter((rule): rule is OwnershipRule => rule !== undefined && rule !== catchAll && rule.owners.length > 0)
        .map((rule) => rule.owners),
      (list) => list.join(' '),
    );
    scopes[name] = {
      description: fromTags
        ? `Inferred by paved init: ${members.length} project${members.length > 1 ? 's' : ''} tagged scope:${name}.`
        : `Inferred by paved init from the folder of ${members.length} project${members.length > 1 ? 's' : ''} (${commonFolder(members)}).`,
      ...(owners ? { owners: owners.value } : {}),
    };
    if (owners && codeownersPath) {
      reasons.push({
        key: `scopes.${name}.owners`,
        message: `${owners.value.join(' ')}: what ${codeownersPath} gives ${owners.count} of its ${members.length} project${members.length > 1 ? 's' : ''}`,
      });
    }
  }
  if (names.length === 0) {
    scopes.shared = { description: 'Inferred by paved init: the workspace has no projects to learn scopes from.' };
    reasons.push({ key: 'scopes', message: 'shared: no projects yet, one scope to start from' });
  } else {
    const untagged = projects.filter((p) => p.scope === undefined).length;
    reasons.push({
      key: 'scopes',
      message: `${names.join(', ')}: ${fromTags ? 'the scope: tags projects already carry' : 'the folders projects live in (no project has a scope: tag)'}${untagged > 0 ? `; ${untagged} project${untagged > 1 ? 's have' : ' has'} none (the baseline records it)` : ''}`,
    });
  }
  return scopes;
}

function commonFolder(projects: readonly ObservedProject[]): string {
  const first = projects[0].root.split('/');
  let length = first.length - (projects.length === 1 ? 1 : 0);
  for (const project of projects) {
    const segments = project.root.split('/');
    let same = 0;
    while (same < Math.min(length, segments.length) && segments[same] === first[same]) same += 1;
    length = same;
  }
  return length === 0 ? './' : `${first.slice(0, length).join('/')}/`;
}

function inferTypes(
  projects: readonly Classified[],
  fromTags: boolean,
  reasons: Reason[],
): NonNullable<PolicyInput['types']> {
  const tagged = [...new Set(projects.map((p) => p.type).filter((t): t is string => t !== undefined))];
  const names = fromTags ? [...tagged] : [...defaultLayers];
  // node-service needs an application layer and ts-lib a library layer to be created with.
  const added = [
    ...(names.some(isAppLayer) ? [] : ['app']),
    ...(names.some((name) => !isAppLayer(name)) ? [] : ['util']),
  ];
  names.push(...added);
  const types: NonNullable<PolicyInput['types']> = {};
  for (const name of names.sort((a, b) => a.localeCompare(b))) {
    types[name] = {
      ...(fromTags && tagged.includes(name) ? { description: `Inferred by paved init from type:${name} tags.` } : {}),
      canDependOn: allowedDependencies(name, names),
    };
  }
  const unknown = names.filter((name) => !isKnownLayer(name));
  const layering = 'each may depend on itself and on lower layers (app > feature > ui, data-access > util)';
  reasons.push({
    key: 'types',
    message: [
      fromTags
        ? `${tagged.join(', ')}: the type: tags projects already carry`
        : `${defaultLayers.join(', ')}: Paved's default layering, since no project has a type: tag`,
      ...(added.length > 0 ? [`plus ${added.join(' and ')} so that every kind has a type`] : []),
      layering,
      ...(unknown.length > 0
        ? [`${unknown.join(', ')} sit${unknown.length > 1 ? '' : 's'} between feature and util`]
        : []),
    ].join('; '),
  });
  return types;
}

function inferKinds(
  projects: readonly Classified[],
  types: readonly string[],
  reasons: Reason[],
): NonNullable<PolicyInput['kinds']> {
  const appTypes = types.filter(isAppLayer);
  const libraryTypes = types.filter((type) => !isAppLayer(type));
  const kinds: NonNullable<PolicyInput['kinds']> = {};
  const layouts = [
    { kind: 'ts-lib', members: projects.filter((p) => !p.isApp), fallback: 'libs/{scope}/{name}', types: libraryTypes },
    { kind: 'node-service', members: projects.filter((p) => p.isApp), fallback: 'apps/{name}', types: appTypes },
  ];
  for (const { kind, members, fallback, types: kindTypes } of layouts) {
    const observed = mostCommon(
      members.map(layoutOf).filter((pattern): pattern is string => pattern !== undefined),
      (pattern) => pattern,
    );
    kinds[kind] = { path: observed?.value ?? fallback, types: kindTypes };
    reasons.push({
      key: `kinds.${kind}`,
      message: observed
        ? `${observed.value}: where ${observed.count} of ${members.length} ${kind === 'ts-lib' ? 'libraries' : 'applications'} live; types ${kindTypes.join(', ')}`
        : `${fallback}: the template's layout (no ${kind === 'ts-lib' ? 'library' : 'application'} to learn from); types ${kindTypes.join(', ')}`,
    });
  }
  return kinds;
}

/** The layout a project's folder follows: its last folder is {name}, a folder equal to its scope or type is {scope}/{type}. */
function layoutOf(project: Classified): string | undefined {
  const segments = project.root.split('/');
  if (segments.length < 2) return undefined;
  const pattern = segments.map((segment, index) => {
    if (index === segments.length - 1) return '{name}';
    if (project.scope !== undefined && identifierFrom(segment) === project.scope) return '{scope}';
    if (project.type !== undefined && segment === project.type) return '{type}';
    return segment;
  });
  return pattern.join('/');
}

function inferToolchain(workspace: ObservedWorkspace, reasons: Reason[]): NonNullable<PolicyInput['toolchain']> {
  const toolchain: NonNullable<PolicyInput['toolchain']> = {};
  const manifest = workspace.rootPackageJson;
  const engines = manifest?.engines as { node?: unknown } | undefined;
  if (typeof engines?.node === 'string' && engines.node.trim() !== '') {
    toolchain.node = engines.node;
    reasons.push({ key: 'toolchain.node', message: `${engines.node}: engines.node of the root package.json` });
  }
  const pin = typeof manifest?.packageManager === 'string' ? manifest.packageManager.split('+')[0] : undefined;
  if (pin && /^(?:pnpm|npm|yarn)@\d+\.\d+\.\d+$/.test(pin)) {
    toolchain.packageManager = pin;
    reasons.push({ key: 'toolchain.packageManager', message: `${pin}: packageManager of the root package.json` });
  }
  return toolchain;
}
