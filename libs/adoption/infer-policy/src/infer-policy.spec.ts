import { parsePolicy, type Policy } from '@paved/policy';
import { describe, expect, it } from 'vitest';
import { inferPolicy } from './infer-policy';
import { type ObservedProject, type ObservedWorkspace } from './observed';

const project = (root: string, tags: string[] = [], extra: Partial<ObservedProject> = {}): ObservedProject => ({
  name: root.split('/').pop() as string,
  root,
  tags,
  ...extra,
});

const workspace = (projects: ObservedProject[], extra: Partial<ObservedWorkspace> = {}): ObservedWorkspace => ({
  folderName: 'acme-monorepo',
  projects,
  hosts: { github: true, gitlab: false },
  ...extra,
});

/** The inferred paved.json must pass Paved's own loader: that is what init writes. */
function valid(observed: ObservedWorkspace): Policy {
  const { policy } = inferPolicy(observed);
  const result = parsePolicy(JSON.stringify(policy), 'paved.json');
  expect(result.errors).toEqual([]);
  return result.policy as Policy;
}

describe('inferPolicy on a tagged workspace', () => {
  const tagged = workspace(
    [
      project('apps/cart', ['scope:cart', 'type:app'], { projectType: 'application', packageName: '@shop/cart' }),
      project('apps/products', ['scope:products', 'type:app'], { projectType: 'application' }),
      project('libs/cart/cart-page', ['scope:cart', 'type:feature'], { packageName: '@shop/cart-page' }),
      project('libs/products/home-page', ['scope:products', 'type:feature'], { packageName: '@shop/home-page' }),
      project('libs/shared/header', ['scope:shared', 'type:ui'], { packageName: '@shop/header' }),
      project('libs/shared/product/state', ['scope:shared', 'type:data-access']),
      project('libs/shared/product/types', ['scope:shared', 'type:util']),
      project('libs/legacy', []),
    ],
    {
      codeowners: {
        path: '.github/CODEOWNERS',
        text: [
          '# team ownership',
          '* @shop/maintainers',
          '/apps/cart/ @shop/cart-team',
          'libs/cart/** @shop/cart-team',
          '/libs/products/ @shop/products-team',
          '/libs/shared/ @shop/platform',
          '*.md @shop/writers',
        ].join('\n'),
      },
      rootPackageJson: { name: 'shop', engines: { node: '>=20' }, packageManager: 'pnpm@10.34.9+sha512.abc' },
    },
  );

  it('declares the scopes and types the tags use, with the conventional layering', () => {
    const policy = valid(tagged);
    expect(Object.keys(policy.scopes)).toEqual(['cart', 'products', 'shared']);
    expect(policy.sharedScopes).toEqual(['shared']);
    expect(policy.types.app.canDependOn).toEqual(['app', 'data-access', 'feature', 'ui', 'util']);
    expect(policy.types.feature.canDependOn).toEqual(['data-access', 'feature', 'ui', 'util']);
    expect(policy.types.ui.canDependOn).toEqual(['ui', 'util']);
    expect(policy.types['data-access'].canDependOn).toEqual(['data-access', 'util']);
    expect(policy.types.util.canDependOn).toEqual(['util']);
  });

  it('lays kinds out where projects already live and gives each kind its types', () => {
    const policy = valid(tagged);
    expect(policy.kinds['ts-lib']).toEqual({
      path: 'libs/{scope}/{name}',
      types: ['data-access', 'feature', 'ui', 'util'],
    });
    expect(policy.kinds['node-service']).toEqual({ path: 'apps/{name}', types: ['app'] });
  });

  it('takes owners from CODEOWNERS: the catch-all as default, the last matching line per project', () => {
    const policy = valid(tagged);
    expect(policy.owners.default).toEqual(['@shop/maintainers']);
    expect(policy.scopes.cart.owners).toEqual(['@shop/cart-team']);
    // Only the catch-all line covers apps/products: the scope takes the default owners.
    expect(policy.scopes.products.owners).toEqual(['@shop/products-team']);
    expect(policy.scopes.shared.owners).toEqual(['@shop/platform']);
  });

  it('takes the npm scope from package names and the toolchain pins from the root package.json', () => {
    const policy = valid(tagged);
    expect(policy.npmScope).toBe('@shop');
    expect(policy.toolchain).toEqual({ node: '>=20', packageManager: 'pnpm@10.34.9' });
  });

  it('says why, and counts the projects it could not place', () => {
    const { reasons } = inferPolicy(tagged);
    const scopes = reasons.find((r) => r.key === 'scopes')?.message;
    expect(scopes).toContain('the scope: tags projects already carry');
    expect(scopes).toContain('1 project has none');
    expect(reasons.find((r) => r.key === 'npmScope')?.message).toBe('@shop: the scope of 4 of 8 project package names');
  });
});

describe('inferPolicy on an untagged package.json workspace', () => {
  const untagged = workspace(
    [
      project('.', [], { packageName: 'root' }),
      project('packages/query-core', [], { packageName: '@tanstack/query-core' }),
      project('packages/react-query', [], { packageName: '@tanstack/react-query' }),
      project('packages/vue-query', [], { packageName: '@tanstack/vue-query' }),
      project('integrations/react-vite', [], { packageName: 'react-vite' }),
      project('examples/react/basic', [], { packageName: '@tanstack/query-example-react-basic' }),
      project('libs/billing/invoices', []),
    ],
    { rootPackageJson: { name: 'root', packageManager: 'pnpm@11.9.0' }, hosts: { github: false, gitlab: true } },
  );

  it('derives scopes from folders, a container folder giving way to the folder below it', () => {
    const policy = valid(untagged);
    expect(Object.keys(policy.scopes)).toEqual(['billing', 'examples', 'integrations', 'packages']);
    expect(policy.scopes.packages.description).toContain('(packages/)');
  });

  it("starts from Paved's default layering", () => {
    const policy = valid(untagged);
    expect(Object.keys(policy.types)).toEqual(['app', 'data-access', 'feature', 'ui', 'util']);
    expect(policy.kinds['ts-lib'].types).toEqual(['data-access', 'feature', 'ui', 'util']);
  });

  it('finds the layout most libraries follow', () => {
    expect(valid(untagged).kinds['ts-lib'].path).toBe('{scope}/{name}');
    expect(valid(untagged).kinds['node-service'].path).toBe('apps/{name}');
  });

  it('writes the CODEOWNERS form of the host the repository uses', () => {
    expect(valid(untagged).codeowners.formats).toEqual(['gitlab']);
    expect(valid(untagged).toolchain.packageManager).toBe('pnpm@11.9.0');
    expect(valid(untagged).owners.default).toEqual([]);
  });
});

describe('inferPolicy edge cases', () => {
  it('adds an application and a library layer when the tags have none', () => {
    const policy = valid(
      workspace([project('apps/a', ['scope:a', 'type:app']), project('apps/b', ['scope:a', 'type:e2e'])]),
    );
    expect(Object.keys(policy.types)).toEqual(['app', 'e2e', 'util']);
    expect(policy.types.e2e.canDependOn).toEqual(['app', 'e2e', 'util']);
    expect(policy.kinds['ts-lib'].types).toEqual(['util']);
    expect(policy.kinds['node-service'].types).toEqual(['app', 'e2e']);
  });

  it('puts invented type names between feature and util', () => {
    const policy = valid(
      workspace([
        project('libs/a', ['scope:a', 'type:feature']),
        project('libs/b', ['scope:a', 'type:server']),
        project('libs/c', ['scope:a', 'type:util']),
      ]),
    );
    expect(policy.types.feature.canDependOn).toEqual(['feature', 'server', 'util']);
    expect(policy.types.server.canDependOn).toEqual(['server', 'util']);
  });

  it('skips tag values paved.json cannot declare', () => {
    const policy = valid(
      workspace([project('libs/a', ['scope:Team_A', 'type:util']), project('libs/b', ['scope:b', 'type:util'])]),
    );
    expect(Object.keys(policy.scopes)).toEqual(['b']);
  });

  it('starts an empty workspace with one scope and the default layering', () => {
    const policy = valid(workspace([], { rootPackageJson: { name: 'my-repo' } }));
    expect(Object.keys(policy.scopes)).toEqual(['shared']);
    expect(policy.npmScope).toBe('@my-repo');
    expect(policy.kinds['ts-lib'].path).toBe('libs/{scope}/{name}');
  });

  it('takes the npm scope from tsconfig import paths when package names have none', () => {
    const observed = workspace([project('libs/ledger'), project('apps/portal')], {
      importPaths: ['@finance/ledger', '@finance/money', 'shared-utils'],
      rootPackageJson: { name: 'acme-finance' },
    });
    expect(valid(observed).npmScope).toBe('@finance');
  });

  it('falls back to the folder name for the npm scope', () => {
    expect(valid(workspace([project('libs/a')])).npmScope).toBe('@acme-monorepo');
  });
});
