import { parsePolicy, type Policy } from '@paved/policy';
import { describe, expect, it } from 'vitest';
import { renderCodeowners } from './codeowners';
import { type ProjectNode } from './model';

const policy = parsePolicy(
  JSON.stringify({
    npmScope: '@acme',
    scopes: { shop: { owners: ['@acme/shop'] }, billing: {} },
    types: { util: {} },
    owners: { default: ['@acme/platform'] },
  }),
).policy as Policy;

const projects: ProjectNode[] = [
  { name: 'invoices', root: 'libs/billing/invoices', tags: ['scope:billing', 'type:util'] },
  {
    name: 'cart',
    root: 'libs/shop/cart',
    tags: ['scope:shop', 'type:util'],
    paved: { owners: ['@acme/cart-crew', 'ana@acme.io'] },
  },
  { name: 'shop-api', root: 'apps/shop-api', tags: ['scope:shop', 'type:util'] },
  { name: 'workspace', root: '.', tags: [] },
];

describe('renderCodeowners', () => {
  it('GitHub: catch-all first, then every project folder in path order', () => {
    const text = renderCodeowners(projects, policy, 'github');
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      '* @acme/platform',
      '/apps/shop-api/ @acme/shop',
      '/libs/billing/invoices/ @acme/platform',
      '/libs/shop/cart/ @acme/cart-crew ana@acme.io',
    ]);
    expect(text).toContain('the last matching line wins');
  });

  it('GitLab: one section per scope', () => {
    const lines = renderCodeowners(projects, policy, 'gitlab')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual([
      '* @acme/platform',
      '[scope:billing]',
      '/libs/billing/invoices/ @acme/platform',
      '[scope:shop]',
      '/apps/shop-api/ @acme/shop',
      '/libs/shop/cart/ @acme/cart-crew ana@acme.io',
    ]);
  });

  it('is deterministic whatever the input order', () => {
    expect(renderCodeowners([...projects].reverse(), policy, 'github')).toBe(
      renderCodeowners(projects, policy, 'github'),
    );
  });
});
