export { Catalog, builtInCatalogDirs, readTemplate, TEMPLATE_FILE, type Kind } from './catalog';
export { templateSchema, templateJsonSchema, type Template } from './template-schema';
export {
  planProject,
  reservedNames,
  MAX_NAME_LENGTH,
  type ProjectPlan,
  type ProjectRequest,
  type WorkspaceState,
} from './plan-project';
export { allowedTypesOf, kindOffers, layoutOfKind, type KindOffer } from './kind-settings';
