import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEachProject, checkWorkspace } from './check-workspace';
import { type FileMapLike, type GraphLike } from './workspace-model';

const policy = {
  npmScope: '@acme',
  scopes: { shop: { owners: ['@acme/shop'] }, shared: { owners: ['@acme/platform'] } },
  sharedScopes: ['shared'],
  types: { feature: { canDependOn: ['util'] }, util: { canDependOn: ['util'] } },
};

/** Four projects on disk: cart and till import each other's kind wrongly (feature -> feature), money is clean. */
function workspace(): { root: string; graph: GraphLike } {
  const root = mkdtempSync(join(tmpdir(), 'paved-check-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('paved.json', JSON.stringify(policy));
  write('package.json', JSON.stringify({ name: 'acme', private: true }));
  const projects = {
    money: { root: 'libs/shared/money', tags: ['scope:shared', 'type:util'] },
    cart: { root: 'libs/shop/cart', tags: ['scope:shop', 'type:feature'] },
    till: { root: 'libs/shop/till', tags: ['scope:shop', 'type:feature'] },
    // The root project: its own test is at the top; the nested projects' tests are theirs.
    acme: { root: '.', tags: ['scope:shared', 'type:util'] },
  };
  for (const { root: dir } of Object.values(projects).filter((p) => p.root !== '.')) {
    write(`${dir}/project.json`, '{}');
    write(`${dir}/README.md`, '# x');
    write(`${dir}/src/index.spec.ts`, '');
  }
  write('README.md', '# acme');
  return {
    root,
    graph: {
      nodes: Object.fromEntries(Object.entries(projects).map(([name, data]) => [name, { name, data }])),
      dependencies: {
        cart: [{ source: 'cart', target: 'till', type: 'static' }],
        till: [{ source: 'till', target: 'money', type: 'static' }],
        money: [],
        acme: [],
      },
    },
  };
}

const fileMap: FileMapLike = {
  cart: [{ file: 'libs/shop/cart/src/cart.ts', deps: ['till'] }],
  till: [{ file: 'libs/shop/till/src/till.ts', deps: ['money'] }],
};

describe('checkWorkspace for one project (what each nx check task runs)', () => {
  it('reports only that project against the baseline: no other project has entries fixed', () => {
    const { root, graph } = workspace();
    expect(checkWorkspace({ root, graph, fileMap, updateBaseline: true }).failing).toBe(false);
    const entries = JSON.parse(readFileSync(join(root, 'paved-baseline.json'), 'utf-8')).findings;
    expect(entries.map((e: { project?: string }) => e.project).sort()).toEqual(['acme', 'cart']);
    for (const project of ['money', 'cart', 'till', 'acme']) {
      const { report } = checkWorkspace({ root, graph, fileMap, projects: [project] });
      expect(report.verdict.fresh, project).toEqual([]);
      expect(report.verdict.resolved, project).toEqual([]);
    }
    // cart stops importing till: cart's check says its one entry is fixed; till's check says nothing of it.
    const fixed = { ...graph, dependencies: { ...graph.dependencies, cart: [] } };
    const cart = checkWorkspace({ root, graph: fixed, fileMap, projects: ['cart'] });
    expect(cart.report.verdict.resolved.map((e) => e.fingerprint)).toEqual(['module-boundaries:cart->till']);
    expect(cart.output).toContain('1 baseline entry fixed');
    expect(checkWorkspace({ root, graph: fixed, fileMap, projects: ['till'] }).output).not.toContain('fixed');
  });

  it('reads the file map only when a finding needs the importing file', () => {
    const { root, graph } = workspace();
    let reads = 0;
    const lazy = () => {
      reads += 1;
      return fileMap;
    };
    checkWorkspace({ root, graph, fileMap: lazy, projects: ['money'] });
    checkWorkspace({ root, graph, fileMap: lazy, projects: ['till'] });
    expect(reads).toBe(0);
    const cart = checkWorkspace({ root, graph, fileMap: lazy, projects: ['cart'] });
    expect(reads).toBe(1);
    expect(cart.report.verdict.fresh.map((f) => f.file)).toEqual(['libs/shop/cart/src/cart.ts']);
  });

  it("finds the root project's missing test without counting the nested projects' tests", () => {
    const { root, graph } = workspace();
    const { report } = checkWorkspace({ root, graph, projects: ['acme'] });
    expect(report.verdict.fresh.map((f) => [f.ruleId, f.file])).toEqual([['required-files', 'package.json']]);
    writeFileSync(join(root, 'workspace.spec.ts'), '');
    expect(checkWorkspace({ root, graph, projects: ['acme'] }).report.verdict.fresh).toEqual([]);
  });

  it('--update-baseline for some projects keeps the entries of the others', () => {
    const { root, graph } = workspace();
    checkWorkspace({ root, graph, fileMap, updateBaseline: true });
    const fixed = { ...graph, dependencies: { ...graph.dependencies, cart: [] } };
    const result = checkWorkspace({ root, graph: fixed, fileMap, projects: ['cart'], updateBaseline: true });
    expect(result.output).toContain(
      'wrote 0 accepted findings to paved-baseline.json (kept 1 entry of projects not checked)',
    );
    const entries = JSON.parse(readFileSync(join(root, 'paved-baseline.json'), 'utf-8')).findings;
    expect(entries.map((e: { fingerprint: string }) => e.fingerprint)).toEqual(['required-files:acme:tests']);
  });
});

describe('checkEachProject (Nx batch mode)', () => {
  it('gives every project the report its own task would give', () => {
    const { root, graph } = workspace();
    checkWorkspace({ root, graph, fileMap, updateBaseline: true });
    const fixed = { ...graph, dependencies: { ...graph.dependencies, cart: [] } };
    const projects = ['money', 'cart', 'till', 'acme'];
    const batch = checkEachProject({ root, graph: fixed, fileMap, projects });
    for (const project of projects) {
      const alone = checkWorkspace({ root, graph: fixed, fileMap, projects: [project] });
      expect(batch.get(project)?.report.verdict, project).toEqual(alone.report.verdict);
      expect(batch.get(project)?.failing, project).toBe(alone.failing);
    }
  });
});
