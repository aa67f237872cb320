import { type Policy } from '@paved/policy';
import { type Catalog, type Kind } from './catalog';

/** The types a kind may be created with in this workspace: paved.json's list, else the template's that are declared. */
export function allowedTypesOf(kind: Kind, policy: Policy): string[] {
  return policy.kinds[kind.name]?.types ?? kind.template.allowedTypes.filter((t) => Object.hasOwn(policy.types, t));
}

/** Where projects of a kind go in this workspace: paved.json's layout, else the template's. */
export function layoutOfKind(kind: Kind, policy: Policy): string {
  return policy.kinds[kind.name]?.path ?? kind.template.defaultPath;
}

/** A kind as this workspace offers it: what to tell people (and assistants) about creating one. */
export interface KindOffer {
  name: string;
  description: string;
  path: string;
  types: string[];
  defaultType?: string;
}

/** Every catalog kind the workspace can create (at least one allowed type), sorted by name. */
export function kindOffers(catalog: Catalog, policy: Policy): KindOffer[] {
  return catalog
    .kindNames()
    .map((name) => catalog.find(name) as Kind)
    .map((kind) => {
      const types = allowedTypesOf(kind, policy);
      const defaultType = kind.template.defaultType;
      return {
        name: kind.name,
        description: kind.template.description,
        path: layoutOfKind(kind, policy),
        types,
        ...(defaultType && types.includes(defaultType)
          ? { defaultType }
          : types.length === 1
            ? { defaultType: types[0] }
            : {}),
      };
    })
    .filter((offer) => offer.types.length > 0);
}
