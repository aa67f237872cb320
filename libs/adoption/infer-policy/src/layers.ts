/**
 * The layering Nx's own guides teach (apps on top of features, features on ui and
 * data-access, everything on utils), as ranks: a type may depend on itself and on
 * every type of a lower rank. Type names a workspace invents get the middle rank,
 * so they may use utils and be used by features and apps.
 */
const ranks: Record<string, number> = {
  e2e: 5,
  app: 4,
  application: 4,
  apps: 4,
  service: 4,
  feature: 3,
  features: 3,
  shell: 3,
  page: 3,
  pages: 3,
  testing: 3,
  'test-utils': 3,
  ui: 2,
  'data-access': 2,
  data: 2,
  state: 2,
  domain: 2,
  api: 2,
  util: 1,
  utils: 1,
  model: 1,
  models: 1,
  types: 1,
  interfaces: 1,
  contracts: 1,
  constants: 1,
  config: 1,
};

const UNKNOWN_RANK = 2;
const APP_RANK = 4;

export function rankOf(type: string): number {
  return ranks[type] ?? UNKNOWN_RANK;
}

export function isKnownLayer(type: string): boolean {
  return Object.hasOwn(ranks, type);
}

/** Types whose projects are deployable programs (what node-service may create). */
export function isAppLayer(type: string): boolean {
  return rankOf(type) >= APP_RANK;
}

/** What `type` may depend on among `declared`: itself and every lower rank. */
export function allowedDependencies(type: string, declared: readonly string[]): string[] {
  const rank = rankOf(type);
  return declared.filter((other) => other === type || rankOf(other) < rank).sort((a, b) => a.localeCompare(b));
}

/** The layering a workspace without type tags starts from (Paved's default, as in its own templates). */
export const defaultLayers = ['app', 'feature', 'ui', 'data-access', 'util'] as const;

/** Scope names that conventionally hold code every scope may use. */
export const sharedScopeNames: ReadonlySet<string> = new Set(['shared', 'common', 'core', 'util', 'utils']);
