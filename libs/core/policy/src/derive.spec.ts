import { describe, expect, it } from 'vitest';
import { deriveDepConstraints, importPathFor, resolveOwners } from './derive';
import { parsePolicy } from './parse-policy';
import { type Policy } from './schema';

const policy = parsePolicy(
  JSON.stringify({
    npmScope: '@acme',
    scopes: {
      shop: { owners: ['@acme/shop'] },
      billing: { canDependOn: ['shop'] },
      shared: {},
      platform: { canDependOn: ['*'] },
    },
    sharedScopes: ['shared'],
    types: {
      app: { canDependOn: ['feature', 'util'] },
      feature: { canDependOn: ['util'] },
      util: { canDependOn: ['util'] },
    },
    owners: { default: ['@acme/platform'] },
  }),
).policy as Policy;

describe('deriveDepConstraints', () => {
  it('turns type rules and scope rules into one constraint per tag', () => {
    expect(deriveDepConstraints(policy)).toEqual([
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:util'] },
      { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:util'] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
      { sourceTag: 'scope:shop', onlyDependOnLibsWithTags: ['scope:shop', 'scope:shared'] },
      { sourceTag: 'scope:billing', onlyDependOnLibsWithTags: ['scope:billing', 'scope:shared', 'scope:shop'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
    ]);
  });
});

describe('resolveOwners', () => {
  it('prefers the project, then the scope, then the default', () => {
    expect(resolveOwners(policy, 'shop', ['@acme/alice'])).toEqual(['@acme/alice']);
    expect(resolveOwners(policy, 'shop')).toEqual(['@acme/shop']);
    expect(resolveOwners(policy, 'billing')).toEqual(['@acme/platform']);
  });
});

describe('importPathFor', () => {
  it('prefixes the npm scope', () => {
    expect(importPathFor(policy, 'cart')).toBe('@acme/cart');
  });
});
