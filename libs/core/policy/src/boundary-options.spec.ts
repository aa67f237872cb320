import { describe, expect, it } from 'vitest';
import { mergeBoundaryOptions, pavedBoundaryOptions } from './boundary-options';
import { parsePolicy } from './parse-policy';
import { type Policy } from './schema';

const policy = parsePolicy(
  JSON.stringify({
    npmScope: '@acme',
    scopes: { shop: {}, shared: {} },
    sharedScopes: ['shared'],
    types: { feature: { canDependOn: ['util'] }, util: { canDependOn: ['util'] } },
  }),
).policy as Policy;

const pavedConstraints = pavedBoundaryOptions(policy).depConstraints;

describe('mergeBoundaryOptions', () => {
  it("gives Paved's options when the team has none, or options that are not an object", () => {
    expect(mergeBoundaryOptions(undefined, policy)).toEqual(pavedBoundaryOptions(policy));
    expect(mergeBoundaryOptions('nonsense', policy)).toEqual(pavedBoundaryOptions(policy));
  });

  it('replaces team constraints on tags paved.json governs and keeps every other constraint and option', () => {
    const merged = mergeBoundaryOptions(
      {
        allow: ['^@acme/legacy'],
        enforceBuildableLibDependency: true,
        banTransitiveDependencies: true,
        depConstraints: [
          { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          { sourceTag: 'scope:shop', onlyDependOnLibsWithTags: ['scope:shop', 'scope:billing'] },
          { allSourceTags: ['type:feature', 'platform:web'], onlyDependOnLibsWithTags: ['platform:web'] },
          { sourceTag: 'platform:web', notDependOnLibsWithTags: ['platform:node'] },
          { sourceTag: 'scope:*', bannedExternalImports: ['lodash'] },
        ],
      },
      policy,
    );
    expect(merged).toEqual({
      allow: ['^@acme/legacy'],
      enforceBuildableLibDependency: true,
      banTransitiveDependencies: true,
      depConstraints: [
        ...pavedConstraints,
        { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
        { sourceTag: 'platform:web', notDependOnLibsWithTags: ['platform:node'] },
        { sourceTag: 'scope:*', bannedExternalImports: ['lodash'] },
      ],
    });
  });

  it('keeps the team allow-list and flags, filling in only what the team left out', () => {
    expect(mergeBoundaryOptions({ checkDynamicDependenciesExceptions: ['@acme/lazy'] }, policy)).toEqual({
      allow: [],
      enforceBuildableLibDependency: false,
      checkDynamicDependenciesExceptions: ['@acme/lazy'],
      depConstraints: pavedConstraints,
    });
  });
});
