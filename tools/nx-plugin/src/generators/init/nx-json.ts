import { readNxJson, updateNxJson, type NxJsonConfiguration, type Tree } from '@nx/devkit';
import { type Reason } from '@paved/infer-policy';

export const PLUGIN = '@paved/nx';
export const SYNC_GENERATORS = ['@paved/nx:codeowners', '@paved/nx:agents-md'];

type PluginEntry = NonNullable<NxJsonConfiguration['plugins']>[number];

const pluginName = (entry: PluginEntry): string => (typeof entry === 'string' ? entry : entry.plugin);

/**
 * The inferred targets' names: `check` and `scan`, unless some project already has a target of
 * that name (a `check` script, say), which Paved's would shadow or be shadowed by.
 */
function targetNamesFor(taken: ReadonlySet<string>): { checkTargetName: string; scanTargetName: string } {
  const free = (name: string) => (taken.has(name) ? `paved-${name}` : name);
  return { checkTargetName: free('check'), scanTargetName: free('scan') };
}

/**
 * Registers the plugin and the sync generators, and adds the named inputs the plugin's
 * targets use only where nx.json has none: everything the team set is left as it is.
 */
export function updateNxJsonForPaved(tree: Tree, takenTargets: ReadonlySet<string>, reasons: Reason[]): void {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  if (!plugins.some((entry) => pluginName(entry) === PLUGIN)) {
    const names = targetNamesFor(takenTargets);
    const renamed = names.checkTargetName !== 'check' || names.scanTargetName !== 'scan';
    plugins.push(renamed ? { plugin: PLUGIN, options: names } : PLUGIN);
    reasons.push({
      key: 'nx.json plugins',
      message: renamed
        ? `${PLUGIN} with targets ${names.checkTargetName} and ${names.scanTargetName}: projects already have targets named ${['check', 'scan'].filter((t) => takenTargets.has(t)).join(' and ')}`
        : `${PLUGIN}: check and scan targets for every project`,
    });
  }
  nxJson.plugins = plugins;

  nxJson.namedInputs ??= {};
  if (!nxJson.namedInputs.default) {
    nxJson.namedInputs.default = ['{projectRoot}/**/*', ...(nxJson.namedInputs.sharedGlobals ? ['sharedGlobals'] : [])];
  }
  nxJson.namedInputs.production ??= ['default'];

  setAffectedByDependencyUpdates(nxJson, reasons);

  nxJson.sync ??= {};
  const global = nxJson.sync.globalGenerators ?? [];
  nxJson.sync.globalGenerators = [...global, ...SYNC_GENERATORS.filter((g) => !global.includes(g))];
  updateNxJson(tree, nxJson);
}

/**
 * Nx marks every project affected by any lockfile change unless told otherwise; `auto` marks the
 * projects that use a package whose resolved version changed (and everything, still, when a package
 * is removed). A setting the team made is theirs.
 */
function setAffectedByDependencyUpdates(nxJson: NxJsonConfiguration, reasons: Reason[]): void {
  const pluginsConfig = (nxJson.pluginsConfig ??= {});
  const jsConfig = (pluginsConfig['@nx/js'] ??= {}) as Record<string, unknown>;
  if (jsConfig.projectsAffectedByDependencyUpdates !== undefined) return;
  jsConfig.projectsAffectedByDependencyUpdates = 'auto';
  reasons.push({
    key: 'nx.json pluginsConfig',
    message:
      '@nx/js projectsAffectedByDependencyUpdates "auto": a lockfile change affects the projects that use the packages whose versions moved, not every project',
  });
}

/** The check and scan target names the registered plugin infers. */
export function pavedTargetNames(tree: Tree): { checkTargetName: string; scanTargetName: string } {
  const entry = (readNxJson(tree)?.plugins ?? []).find((plugin) => pluginName(plugin) === PLUGIN);
  const options = (typeof entry === 'object' ? entry.options : undefined) as
    { checkTargetName?: string; scanTargetName?: string } | undefined;
  return { checkTargetName: options?.checkTargetName ?? 'check', scanTargetName: options?.scanTargetName ?? 'scan' };
}
