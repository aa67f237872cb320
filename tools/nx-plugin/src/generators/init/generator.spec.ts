import { readJson, writeJson, type ProjectGraph, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { PavedError } from '@paved/errors';
import { beforeEach, describe, expect, it } from 'vitest';
import { adoptWorkspace } from './adopt';
import { type Workspace } from './observe';
import { assertAdoptable, batchingAdvice } from './supported-nx';

type Node = { root: string; tags?: string[]; projectType?: 'application' | 'library'; targets?: object };

function graphOf(nodes: Record<string, Node>, edges: [string, string][]): ProjectGraph {
  return {
    nodes: Object.fromEntries(
      Object.entries(nodes).map(([name, data]) => [name, { name, type: 'lib', data: { targets: {}, ...data } }]),
    ),
    dependencies: Object.fromEntries(
      Object.keys(nodes).map((name) => [
        name,
        edges.filter(([source]) => source === name).map(([source, target]) => ({ source, target, type: 'static' })),
      ]),
    ),
  } as unknown as ProjectGraph;
}

/** A workspace as init observes it, built from the tree and a graph (the e2e uses Nx's real graph). */
function observed(tree: Tree, graph: ProjectGraph, taken: string[] = []): Workspace {
  return {
    graph,
    targetNames: new Set(taken),
    observed: {
      folderName: 'shop',
      projects: Object.values(graph.nodes).map((n) => ({
        name: n.name,
        root: n.data.root,
        tags: n.data.tags ?? [],
        ...(n.data.projectType ? { projectType: n.data.projectType } : {}),
        packageName: tree.exists(`${n.data.root}/package.json`)
          ? readJson(tree, `${n.data.root}/package.json`).name
          : undefined,
      })),
      rootPackageJson: readJson(tree, 'package.json'),
      codeowners: tree.exists('.github/CODEOWNERS')
        ? { path: '.github/CODEOWNERS', text: tree.read('.github/CODEOWNERS', 'utf-8') as string }
        : undefined,
      hosts: { github: tree.exists('.github'), gitlab: false },
    },
  };
}

const teamCodeowners = '* @shop/platform\n/libs/shop/ @shop/shop-team\n/docs/ @shop/writers\n';

function shop(): { tree: Tree; graph: ProjectGraph } {
  const tree = createTreeWithEmptyWorkspace();
  writeJson(tree, 'package.json', { name: '@shop/source', engines: { node: '>=20' } });
  writeJson(tree, 'libs/shop/cart/package.json', { name: '@shop/cart' });
  writeJson(tree, 'libs/shared/ui/package.json', { name: '@shop/ui' });
  tree.write('libs/shop/cart/README.md', '# cart\n');
  tree.write('libs/shop/cart/src/cart.spec.ts', 'test\n');
  tree.write('.github/CODEOWNERS', teamCodeowners);
  const graph = graphOf(
    {
      '@shop/cart': { root: 'libs/shop/cart', tags: ['scope:shop', 'type:feature'] },
      '@shop/ui': { root: 'libs/shared/ui', tags: ['scope:shared', 'type:ui'] },
      '@shop/web': { root: 'apps/web', tags: ['scope:shop', 'type:app'], projectType: 'application' },
    },
    [
      ['@shop/web', '@shop/cart'],
      ['@shop/ui', '@shop/cart'],
    ],
  );
  return { tree, graph };
}

const contentsOf = (tree: Tree) =>
  Object.fromEntries(tree.listChanges().map((change) => [change.path, change.content?.toString('utf-8')]));

describe('init generator', () => {
  let tree: Tree;
  let graph: ProjectGraph;
  beforeEach(() => {
    ({ tree, graph } = shop());
  });

  it('writes a paved.json inferred from the workspace, which Paved can load', async () => {
    await adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph));
    const policy = readJson(tree, 'paved.json');
    expect(policy.npmScope).toBe('@shop');
    expect(Object.keys(policy.scopes)).toEqual(['shared', 'shop']);
    expect(policy.scopes.shop.owners).toEqual(['@shop/shop-team']);
    expect(policy.kinds['ts-lib'].path).toBe('libs/{scope}/{name}');
    expect(policy.owners.default).toEqual(['@shop/platform']);
  });

  it('registers the plugin and the sync generators, and adds only missing named inputs', async () => {
    writeJson(tree, 'nx.json', { namedInputs: { default: ['{projectRoot}/src/**/*'] }, plugins: ['@nx/js'] });
    await adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph));
    const nxJson = readJson(tree, 'nx.json');
    expect(nxJson.plugins).toEqual(['@nx/js', '@paved/nx']);
    expect(nxJson.namedInputs.default).toEqual(['{projectRoot}/src/**/*']);
    expect(nxJson.namedInputs.production).toEqual(['default']);
    expect(nxJson.sync.globalGenerators).toEqual(['@paved/nx:codeowners', '@paved/nx:agents-md']);
    expect(nxJson.pluginsConfig['@nx/js'].projectsAffectedByDependencyUpdates).toBe('auto');
  });

  it("makes a lockfile change affect only the projects whose packages moved, keeping the team's setting", async () => {
    writeJson(tree, 'nx.json', { pluginsConfig: { '@nx/js': { projectsAffectedByDependencyUpdates: ['@shop/web'] } } });
    await adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph));
    expect(readJson(tree, 'nx.json').pluginsConfig['@nx/js'].projectsAffectedByDependencyUpdates).toEqual([
      '@shop/web',
    ]);
  });

  it('names the inferred targets paved-check and paved-scan when projects already have check or scan', async () => {
    await adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph, ['build', 'check']));
    expect(readJson(tree, 'nx.json').plugins).toContainEqual({
      plugin: '@paved/nx',
      options: { checkTargetName: 'paved-check', scanTargetName: 'scan' },
    });
  });

  it("keeps the team's CODEOWNERS lines after Paved's block, and writes AGENTS.md", async () => {
    await adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph));
    const codeowners = tree.read('.github/CODEOWNERS', 'utf-8') as string;
    expect(codeowners.endsWith(teamCodeowners)).toBe(true);
    expect(codeowners).toContain('/libs/shop/cart/ @shop/shop-team\n');
    expect(tree.read('AGENTS.md', 'utf-8')).toContain('nx g @paved/nx:project');
  });

  it("records today's findings in the baseline, so only new ones fail", async () => {
    await adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph));
    const fingerprints = readJson(tree, 'paved-baseline.json').findings.map(
      (f: { fingerprint: string }) => f.fingerprint,
    );
    expect(fingerprints).toContain('module-boundaries:@shop/ui->@shop/cart');
    expect(fingerprints).not.toContain('module-boundaries:@shop/web->@shop/cart');
    expect(fingerprints).toContain('required-files:@shop/ui:readme');
    expect(fingerprints).not.toContain('required-files:@shop/cart:readme');
  });

  it("adds Paved's ESLint presets and the pre-commit hook, with the devDependencies they need", async () => {
    await adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph));
    expect(tree.read('eslint.config.js', 'utf-8')).toContain('@paved/nx/eslint');
    expect(tree.read('.husky/pre-commit', 'utf-8')).toContain('paved scan secrets --staged');
    const { devDependencies } = readJson(tree, 'package.json');
    expect(Object.keys(devDependencies)).toEqual(expect.arrayContaining(['husky', 'lint-staged']));
  });

  it('leaves ESLint and git hooks alone with --no-eslint --no-hooks', async () => {
    await adoptWorkspace(tree, { skipFormat: true, eslint: false, hooks: false }, observed(tree, graph));
    expect(tree.exists('eslint.config.js')).toBe(false);
    expect(tree.exists('.husky/pre-commit')).toBe(false);
  });

  it("writes Paved's CI pipelines, and leaves CI alone with --no-ci", async () => {
    await adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph));
    expect(tree.read('.github/workflows/paved.yml', 'utf-8')).toContain('$PAVED ci plan --shards 4');
    expect(tree.read('.gitlab-ci.yml', 'utf-8')).toContain('paved-record-green:');
    const bare = shop().tree;
    await adoptWorkspace(bare, { skipFormat: true, ci: false }, observed(bare, graph));
    expect(bare.exists('.github/workflows/paved.yml') || bare.exists('.gitlab-ci.yml')).toBe(false);
  });

  it('refuses a legacy .eslintrc workspace with a coded error, writing nothing', async () => {
    writeJson(tree, '.eslintrc.json', { root: true, rules: {} });
    const before = contentsOf(tree);
    await expect(adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph))).rejects.toThrow(
      expect.objectContaining({ code: 'PAVED-700' }),
    );
    expect(contentsOf(tree)).toEqual(before);
  });

  it('leaves the baselines out with --no-baseline', async () => {
    await adoptWorkspace(tree, { skipFormat: true, baseline: false }, observed(tree, graph));
    expect(tree.exists('paved-baseline.json')).toBe(false);
  });

  it('changes nothing on a second run', async () => {
    await adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph));
    const first = contentsOf(tree);
    await adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph, ['check', 'scan']));
    expect(contentsOf(tree)).toEqual(first);
  });

  it("keeps the team's paved.json, and refuses one that is not valid before writing anything", async () => {
    tree.write('paved.json', '{"npmScope": "not a scope"}');
    const before = contentsOf(tree);
    await expect(adoptWorkspace(tree, { skipFormat: true }, observed(tree, graph))).rejects.toThrow(PavedError);
    expect(contentsOf(tree)).toEqual(before);
  });
});

describe('assertAdoptable', () => {
  it('refuses a folder without nx.json', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.delete('nx.json');
    expect(() => assertAdoptable(tree, '23.2.1')).toThrow(expect.objectContaining({ code: 'PAVED-004' }));
  });

  it('refuses an Nx major Paved is not proven on, and accepts 22 and 23', () => {
    const tree = createTreeWithEmptyWorkspace();
    expect(() => assertAdoptable(tree, '21.6.0')).toThrow(/migrate first: nx migrate 22/);
    expect(() => assertAdoptable(tree, '24.0.0')).toThrow(expect.objectContaining({ code: 'PAVED-731' }));
    expect(() => assertAdoptable(tree, '22.1.3')).not.toThrow();
    expect(() => assertAdoptable(tree, '23.2.1')).not.toThrow();
  });
});

describe('batchingAdvice', () => {
  it('advises --batch on an Nx that runs one process per check task, and nothing from Nx 22.6 on', () => {
    expect(batchingAdvice('22.1.3')).toContain('--batch');
    expect(batchingAdvice('22.5.9')).toContain('Nx 22.5.9 runs one process per check and scan task');
    expect(batchingAdvice('22.6.0')).toBeUndefined();
    expect(batchingAdvice('23.2.1')).toBeUndefined();
  });
});
