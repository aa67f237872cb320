import { parsePolicy, type Policy } from '@paved/policy';
import { describe, expect, it } from 'vitest';
import { applyBaseline, createBaseline } from './baseline';
import { checkScope, runChecks } from './engine';
import { type ProjectNode, type WorkspaceModel } from './model';
import { memoryFiles } from './testing-files';

const policyJson = {
  npmScope: '@acme',
  scopes: {
    shop: { owners: ['@acme/shop'] },
    billing: { owners: ['@acme/billing'] },
    legacy: {},
    shared: { owners: ['@acme/platform'] },
  },
  sharedScopes: ['shared'],
  types: {
    app: { canDependOn: ['feature', 'util'] },
    feature: { canDependOn: ['util'] },
    util: { canDependOn: ['util'] },
  },
  kinds: { 'ts-lib': { path: 'libs/{scope}/{name}' } },
  toolchain: { node: '>=20.19.0', packageManager: 'pnpm@10.34.9' },
  dependencies: { banned: [{ name: 'moment', reason: 'use date-fns' }] },
};

const lib = (name: string, root: string, tags: string[], extra: Partial<ProjectNode> = {}): ProjectNode => ({
  name,
  root,
  tags,
  projectType: 'library',
  paved: { template: 'ts-lib' },
  ...extra,
});

/** A healthy project's files: project.json, README, a test. */
const healthy = (root: string) => ({
  [`${root}/project.json`]: '{}',
  [`${root}/README.md`]: '# x',
  [`${root}/src/index.spec.ts`]: '',
});

/** One seeded violation per rule, each in its own project, plus clean controls. */
function fixture(policyOverrides: Record<string, unknown> = {}): WorkspaceModel {
  const policy = parsePolicy(JSON.stringify({ ...policyJson, ...policyOverrides })).policy as Policy;
  const projects: ProjectNode[] = [
    lib('money', 'libs/shared/money', ['scope:shared', 'type:util']),
    lib('cart', 'libs/shop/cart', ['scope:shop', 'type:feature']),
    lib('shop-api', 'apps/shop-api', ['scope:shop', 'type:app'], {
      projectType: 'application',
      paved: { template: 'node-service' },
    }),
    lib('invoices', 'libs/billing/invoices', ['scope:billing', 'type:feature']), // boundaries: billing -> shop
    lib('ping', 'libs/shop/ping', ['scope:shop', 'type:util']), // cycle ping <-> pong
    lib('pong', 'libs/shop/pong', ['scope:shop', 'type:util']),
    lib('misplaced', 'libs/misc/misplaced', ['scope:shop', 'type:util']), // layout
    lib('untagged', 'libs/shop/untagged', ['scope:shop']), // tags: no type
    lib('orphan', 'libs/legacy/orphan', ['scope:legacy', 'type:util']), // owners: legacy has none, no default
    lib('bare', 'libs/shop/bare', ['scope:shop', 'type:util']), // files: no README, no test
    lib('dated', 'libs/shop/dated', ['scope:shop', 'type:util']), // banned dependency + engines
  ];
  const files = {
    'package.json': JSON.stringify(
      { name: 'acme', packageManager: 'pnpm@9.0.0', engines: { node: '>=20.19.0' } },
      null,
      2,
    ),
    ...Object.fromEntries(projects.filter((p) => p.name !== 'bare').flatMap((p) => Object.entries(healthy(p.root)))),
    'libs/shop/bare/project.json': '{}',
    'libs/shop/bare/src/index.ts': '',
    'libs/shop/dated/package.json': JSON.stringify(
      { name: '@acme/dated', engines: { node: '>=18' }, dependencies: { moment: '2.30.1' } },
      null,
      2,
    ),
  };
  return {
    policy,
    projects: Object.fromEntries(projects.map((p) => [p.name, p])),
    dependencies: [
      { source: 'cart', target: 'money', type: 'static', file: 'libs/shop/cart/src/cart.ts' },
      { source: 'shop-api', target: 'cart', type: 'static' },
      { source: 'invoices', target: 'dated', type: 'static', file: 'libs/billing/invoices/src/invoices.ts' },
      { source: 'ping', target: 'pong', type: 'static' },
      { source: 'pong', target: 'ping', type: 'static' },
      { source: 'misplaced', target: 'money', type: 'implicit' },
    ],
    files: memoryFiles(files),
  };
}

describe('runChecks on a fixture with one seeded violation per rule', () => {
  const findings = runChecks(fixture());

  it('finds each violation, in the right file and project, and nothing else', () => {
    expect(findings.map((f) => [f.ruleId, f.project, f.file])).toEqual([
      ['module-boundaries', 'invoices', 'libs/billing/invoices/src/invoices.ts'],
      ['owners-present', 'orphan', 'libs/legacy/orphan/project.json'],
      ['project-layout', 'misplaced', 'libs/misc/misplaced/project.json'],
      ['required-files', 'bare', 'libs/shop/bare/project.json'],
      ['required-files', 'bare', 'libs/shop/bare/README.md'],
      ['banned-dependencies', 'dated', 'libs/shop/dated/package.json'],
      ['toolchain-pins', 'dated', 'libs/shop/dated/package.json'],
      ['no-circular-dependencies', 'ping', 'libs/shop/ping/project.json'],
      ['no-circular-dependencies', 'pong', 'libs/shop/pong/project.json'],
      ['required-tags', 'untagged', 'libs/shop/untagged/project.json'],
      ['toolchain-pins', undefined, 'package.json'],
    ]);
  });

  it('explains each finding and how to fix it', () => {
    const byRule = Object.fromEntries(findings.map((f) => [`${f.ruleId}:${f.project}`, f]));
    expect(byRule['module-boundaries:invoices'].message).toBe(
      '"invoices" depends on "dated" (scope:shop, type:util), but projects tagged "scope:billing" may only depend on "scope:billing", "scope:shared"',
    );
    expect(byRule['no-circular-dependencies:ping'].message).toContain('ping -> pong -> ping');
    expect(byRule['project-layout:misplaced'].message).toContain('the layout puts it at "libs/shop/misplaced"');
    expect(byRule['banned-dependencies:dated']).toMatchObject({
      line: 7,
      message: 'dependencies includes "moment", which paved.json bans: use date-fns',
    });
    expect(byRule['toolchain-pins:undefined'].message).toBe(
      'packageManager is "pnpm@9.0.0", but paved.json pins "pnpm@10.34.9"',
    );
    expect(byRule['required-tags:untagged'].hint).toContain('type:app, type:feature, type:util');
    for (const finding of findings) {
      expect(finding.severity).toBe('error');
      expect(finding.hint.length).toBeGreaterThan(10);
    }
  });

  it('reports only the selected projects, and workspace-level findings only on a full run', () => {
    const some = runChecks(fixture(), { projects: ['ping', 'money'] });
    expect(some.map((f) => [f.ruleId, f.project])).toEqual([['no-circular-dependencies', 'ping']]);
  });

  it('takes severities from paved.json and skips rules switched off', () => {
    const tuned = runChecks(fixture({ rules: { 'required-files': 'off', 'owners-present': 'warn' } }));
    expect(tuned.some((f) => f.ruleId === 'required-files')).toBe(false);
    expect(tuned.find((f) => f.ruleId === 'owners-present')?.severity).toBe('warn');
  });

  it('treats an untagged project like Nx does: it may depend on nothing', () => {
    const model = fixture();
    model.projects.money.tags = [];
    const found = runChecks(model).filter((f) => f.ruleId === 'module-boundaries');
    // cart may not use an untagged money any more than money may use anything.
    expect(found.map((f) => f.project)).toEqual(['invoices', 'cart']);
    model.dependencies.push({ source: 'money', target: 'ping', type: 'static' });
    expect(
      runChecks(model)
        .filter((f) => f.ruleId === 'module-boundaries')
        .map((f) => f.fingerprint),
    ).toContain('module-boundaries:money->ping');
  });
});

describe('baselines', () => {
  it('accepts known findings, fails new ones and lists what was fixed', () => {
    const model = fixture();
    const baseline = createBaseline(runChecks(model));
    model.dependencies = model.dependencies.filter((d) => d.source !== 'ping');
    model.dependencies.push({ source: 'shop-api', target: 'invoices', type: 'static' });
    const verdict = applyBaseline(runChecks(model), baseline);
    expect(verdict.fresh.map((f) => f.fingerprint)).toEqual(['module-boundaries:shop-api->invoices']);
    expect(verdict.known).toHaveLength(9);
    expect(verdict.resolved.map((f) => f.fingerprint)).toEqual([
      'no-circular-dependencies:ping in ping,pong',
      'no-circular-dependencies:pong in ping,pong',
    ]);
  });

  it("judges one project's check against that project's entries only: others' are neither fixed nor new", () => {
    const model = fixture();
    const baseline = createBaseline(runChecks(model));
    // What `nx run bare:check` sees: bare's two findings are still there; nobody else was looked at.
    const bare = applyBaseline(runChecks(model, { projects: ['bare'] }), baseline, checkScope(model, ['bare']));
    expect(bare).toEqual({ fresh: [], known: [expect.anything(), expect.anything()], resolved: [] });
    // invoices fixed its boundary violation: its own check reports that one entry as fixed, and only that.
    model.dependencies = model.dependencies.filter((d) => d.source !== 'invoices');
    const invoices = applyBaseline(
      runChecks(model, { projects: ['invoices'] }),
      baseline,
      checkScope(model, ['invoices']),
    );
    expect(invoices.resolved.map((f) => f.fingerprint)).toEqual(['module-boundaries:invoices->dated']);
    expect(invoices.fresh).toEqual([]);
  });

  it('gives workspace-level entries (the root package.json) to full runs and to the root project', () => {
    const model = fixture();
    expect(checkScope(model, ['cart']).workspaceLevel).toBe(false);
    expect(checkScope(model).workspaceLevel).toBe(true);
    expect(checkScope(model, Object.keys(model.projects)).workspaceLevel).toBe(true);
    const baseline = createBaseline(runChecks(model));
    model.projects.workspace = lib('workspace', '.', ['scope:shared', 'type:util']);
    const root = runChecks(model, { projects: ['workspace'] });
    expect(root.filter((f) => f.project === undefined).map((f) => f.fingerprint)).toEqual([
      'toolchain-pins:package.json:packageManager',
    ]);
    expect(runChecks(model, { projects: ['cart'] }).filter((f) => f.project === undefined)).toEqual([]);
    expect(applyBaseline(root, baseline, checkScope(model, ['workspace'])).known.map((f) => f.ruleId)).toContain(
      'toolchain-pins',
    );
  });

  it('updating the baseline from one project keeps the entries of every other project', () => {
    const model = fixture();
    const full = createBaseline(runChecks(model));
    model.dependencies = model.dependencies.filter((d) => d.source !== 'invoices');
    const updated = createBaseline(runChecks(model, { projects: ['invoices'] }), full, checkScope(model, ['invoices']));
    expect(updated.findings.map((f) => f.fingerprint)).toEqual(
      full.findings.map((f) => f.fingerprint).filter((f) => f !== 'module-boundaries:invoices->dated'),
    );
  });

  it('keeps fingerprints stable when unrelated files move lines', () => {
    const before = runChecks(fixture()).map((f) => f.fingerprint);
    const model = fixture();
    (model.files as { read: (p: string) => string | undefined }).read = ((read) => (p: string) =>
      p === 'libs/shop/dated/package.json' ? `\n\n${read(p)}` : read(p))(model.files.read);
    expect(runChecks(model).map((f) => f.fingerprint)).toEqual(before);
  });
});
