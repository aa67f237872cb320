import { type PavedError } from '@paved/errors';
import { parsePolicy, type Policy } from '@paved/policy';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from './catalog';
import { planProject, type WorkspaceState } from './plan-project';

const catalog = new Catalog([join(__dirname, '..', '..', '..', '..', 'generators')]);
const empty: WorkspaceState = { projectNames: new Set(), importPaths: new Set(), exists: () => false };

function policyWith(types: Record<string, unknown>, kinds: Record<string, unknown> = {}): Policy {
  return parsePolicy(JSON.stringify({ npmScope: '@acme', scopes: { shop: {} }, types, kinds })).policy as Policy;
}

function codesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return (error as PavedError).problems.map((p) => p.code);
  }
  return [];
}

describe('planProject', () => {
  it('plans root, import path, tags, owners and description', () => {
    const plan = planProject(
      { kind: 'ts-lib', name: 'cart', scope: 'shop', type: 'util' },
      policyWith({ util: {} }),
      catalog,
      empty,
    );
    expect(plan).toMatchObject({
      name: 'cart',
      projectRoot: 'libs/shop/cart',
      importPath: '@acme/cart',
      tags: ['scope:shop', 'type:util'],
      owners: [],
      publishable: false,
    });
    expect(plan.description).toBe(plan.kind.template.description);
  });

  it("only offers the kind's types this workspace declares", () => {
    // ts-lib allows feature, ui, data-access, domain, util, testing: of these only "domain" is declared here.
    const policy = policyWith({ domain: {}, app: {} });
    expect(planProject({ kind: 'ts-lib', name: 'cart', scope: 'shop' }, policy, catalog, empty).type).toBe('domain');
    expect(
      codesOf(() => planProject({ kind: 'ts-lib', name: 'cart', scope: 'shop', type: 'app' }, policy, catalog, empty)),
    ).toEqual(['PAVED-203']);
  });

  it('asks for a kinds.<kind>.types entry when the vocabularies do not meet', () => {
    const policy = policyWith({ service: {} });
    expect(codesOf(() => planProject({ kind: 'ts-lib', name: 'cart', scope: 'shop' }, policy, catalog, empty))).toEqual(
      ['PAVED-203'],
    );
    const fixed = policyWith({ service: {} }, { 'ts-lib': { types: ['service'] } });
    expect(planProject({ kind: 'ts-lib', name: 'cart', scope: 'shop' }, fixed, catalog, empty).type).toBe('service');
  });

  it('requires --type when the kind has no default among the allowed types', () => {
    const policy = policyWith({ domain: {}, feature: {} });
    expect(codesOf(() => planProject({ kind: 'ts-lib', name: 'cart', scope: 'shop' }, policy, catalog, empty))).toEqual(
      ['PAVED-211'],
    );
  });

  it('dedupes and trims owners', () => {
    const plan = planProject(
      { kind: 'ts-lib', name: 'cart', scope: 'shop', type: 'util', owners: ' @a/b ,@a/b, c@d.io ' },
      policyWith({ util: {} }),
      catalog,
      empty,
    );
    expect(plan.owners).toEqual(['@a/b', 'c@d.io']);
  });
});
