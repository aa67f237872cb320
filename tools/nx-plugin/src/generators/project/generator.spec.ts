import { logger, readJson, readProjectConfiguration, writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { PavedError } from '@paved/errors';
import { beforeEach, describe, expect, it } from 'vitest';
import { projectGenerator } from './generator';
import { type ProjectGeneratorSchema } from './schema';

const policy = {
  npmScope: '@acme',
  scopes: {
    shop: { owners: ['@acme/shop-team'] },
    shared: {},
  },
  sharedScopes: ['shared'],
  types: {
    app: { canDependOn: ['feature', 'util'] },
    feature: { canDependOn: ['util'] },
    util: { canDependOn: ['util'] },
  },
  owners: { default: ['@acme/platform'] },
};

// Formatting is proven end to end (generator.e2e.spec.ts); here it would only add noise.
const libRequest: ProjectGeneratorSchema = {
  kind: 'ts-lib',
  name: 'cart',
  scope: 'shop',
  type: 'feature',
  skipFormat: true,
};

function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  writeJson(tree, 'paved.json', policy);
  writeJson(tree, 'tsconfig.base.json', { compilerOptions: { paths: {} } });
  return tree;
}

/** Runs the generator expecting a refusal; returns the codes and proves nothing was written. */
async function refusal(tree: Tree, request: Partial<ProjectGeneratorSchema>): Promise<string[]> {
  const before = tree.listChanges().length;
  const error = await projectGenerator(tree, { ...libRequest, ...request } as ProjectGeneratorSchema).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PavedError);
  expect(tree.listChanges()).toHaveLength(before);
  return (error as PavedError).problems.map((p) => p.code);
}

describe('project generator: ts-lib', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = workspace();
  });

  it('places the project where the layout says, tagged and registered', async () => {
    await projectGenerator(tree, libRequest);
    const project = readProjectConfiguration(tree, 'cart');
    expect(project.root).toBe('libs/shop/cart');
    expect(project.projectType).toBe('library');
    expect(project.tags).toEqual(['scope:shop', 'type:feature']);
    expect(Object.keys(project.targets ?? {})).toEqual(expect.arrayContaining(['typecheck', 'build']));
    expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths).toEqual({
      '@acme/cart': ['./libs/shop/cart/src/index.ts'],
    });
    for (const file of ['README.md', 'package.json', 'tsconfig.json', 'tsconfig.lib.json', 'vitest.config.mts']) {
      expect(tree.exists(`libs/shop/cart/${file}`), file).toBe(true);
    }
    expect(tree.read('libs/shop/cart/src/cart.spec.ts', 'utf-8')).toContain("from './cart'");
    expect(tree.read('libs/shop/cart/src/index.ts', 'utf-8')).toContain('export { cart }');
  });

  it('records template, version and options for future migrations', async () => {
    await projectGenerator(tree, libRequest);
    const paved = (readProjectConfiguration(tree, 'cart').metadata as { paved: Record<string, unknown> }).paved;
    expect(paved).toEqual({
      template: 'ts-lib',
      templateVersion: '1.0.0',
      options: { kind: 'ts-lib', name: 'cart', scope: 'shop', type: 'feature', publishable: false },
    });
  });

  it('states purpose and owners in the README', async () => {
    await projectGenerator(tree, { ...libRequest, description: 'The shopping cart.' });
    const readme = tree.read('libs/shop/cart/README.md', 'utf-8') ?? '';
    expect(readme).toContain('# @acme/cart');
    expect(readme).toContain('The shopping cart.');
    expect(readme).toContain('@acme/shop-team');
  });

  it.each(['ts-lib', 'node-service'])(
    'keeps a %s description verbatim: quotes and ampersands are neither HTML-escaped nor break package.json',
    async (kind) => {
      const description = `The cart's "checkout" & <payment> step`;
      await projectGenerator(tree, { ...libRequest, kind, type: undefined, name: 'checkout', description });
      const root = kind === 'ts-lib' ? 'libs/shop/checkout' : 'apps/checkout';
      expect(JSON.parse(tree.read(`${root}/package.json`, 'utf-8') ?? '').description).toBe(description);
      expect(tree.read(`${root}/README.md`, 'utf-8')).toContain(description);
    },
  );

  it('records --owners with the project; otherwise owners follow paved.json (scope, then default)', async () => {
    await projectGenerator(tree, { ...libRequest, owners: '@acme/alice, dev@acme.io' });
    await projectGenerator(tree, { kind: 'ts-lib', name: 'money', scope: 'shared', skipFormat: true });
    const paved = (name: string) =>
      (readProjectConfiguration(tree, name).metadata as { paved: { owners?: string[] } }).paved;
    expect(paved('cart').owners).toEqual(['@acme/alice', 'dev@acme.io']);
    expect(paved('money').owners).toBeUndefined();
    expect(tree.read('libs/shared/money/README.md', 'utf-8')).toContain('@acme/platform');
  });

  it("uses the kind's default type when --type is omitted", async () => {
    await projectGenerator(tree, { kind: 'ts-lib', name: 'money', scope: 'shared', skipFormat: true });
    expect(readProjectConfiguration(tree, 'money').tags).toEqual(['scope:shared', 'type:util']);
  });

  it('makes a private workspace package by default, and a releasable one with --publishable', async () => {
    await projectGenerator(tree, libRequest);
    await projectGenerator(tree, { ...libRequest, name: 'sdk', publishable: true });
    const internal = readJson(tree, 'libs/shop/cart/package.json');
    expect(internal).toMatchObject({ name: '@acme/cart', private: true, main: './src/index.ts' });
    const released = readJson(tree, 'libs/shop/sdk/package.json');
    expect(released.private).toBeUndefined();
    expect(released.main).toBeUndefined();
    expect(released).toMatchObject({
      name: '@acme/sdk',
      version: '0.0.1',
      publishConfig: { access: 'public', directory: '../../../dist/libs/shop/sdk' },
    });
  });

  it('follows a custom layout from paved.json', async () => {
    writeJson(tree, 'paved.json', { ...policy, kinds: { 'ts-lib': { path: 'packages/{scope}/{type}-{name}' } } });
    await projectGenerator(tree, libRequest);
    expect(readProjectConfiguration(tree, 'cart').root).toBe('packages/shop/feature-cart');
  });
});

describe('project generator: node-service', () => {
  it('creates an application under apps/ with a health endpoint and its test', async () => {
    const tree = workspace();
    await projectGenerator(tree, { kind: 'node-service', name: 'shop-api', scope: 'shop', skipFormat: true });
    const project = readProjectConfiguration(tree, 'shop-api');
    expect(project.root).toBe('apps/shop-api');
    expect(project.projectType).toBe('application');
    expect(project.tags).toEqual(['scope:shop', 'type:app']);
    expect(Object.keys(project.targets ?? {})).toEqual(expect.arrayContaining(['typecheck', 'build', 'serve']));
    expect(tree.read('apps/shop-api/src/server.ts', 'utf-8')).toContain("'/healthz'");
    expect(tree.exists('apps/shop-api/src/server.spec.ts')).toBe(true);
  });
});

describe('project generator: refusals write nothing', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = workspace();
  });

  it.each([
    ['unknown kind', { kind: 'rust-crate' }, 'PAVED-200'],
    ['unknown scope', { scope: 'billing' }, 'PAVED-201'],
    ['unknown type', { type: 'widget' }, 'PAVED-202'],
    ['type the kind does not allow', { kind: 'node-service', type: 'util' }, 'PAVED-203'],
    ['invalid name', { name: 'Cart_Items' }, 'PAVED-204'],
    ['too long a name', { name: `a${'-b'.repeat(40)}` }, 'PAVED-204'],
    ['reserved name', { name: 'nx' }, 'PAVED-205'],
    ['JavaScript reserved word', { name: 'delete' }, 'PAVED-205'],
    ['TypeScript reserved word', { name: 'interface' }, 'PAVED-205'],
    ['Windows device name', { name: 'con' }, 'PAVED-205'],
    ['Windows device name with a digit', { name: 'lpt1' }, 'PAVED-205'],
    ['relative path as a name', { name: '../evil' }, 'PAVED-208'],
    ['absolute path as a name', { name: '/etc/evil' }, 'PAVED-208'],
    ['invalid owner', { owners: 'not an owner' }, 'PAVED-209'],
    ['missing name', { name: '' }, 'PAVED-211'],
  ])('%s', async (_, request, code) => {
    expect(await refusal(tree, request)).toContain(code);
  });

  it('narrows the allowed types with paved.json kinds.<kind>.types', async () => {
    writeJson(tree, 'paved.json', { ...policy, kinds: { 'ts-lib': { types: ['util'] } } });
    expect(await refusal(tree, { type: 'feature' })).toEqual(['PAVED-203']);
  });

  it('refuses an existing project, import path or folder', async () => {
    await projectGenerator(tree, libRequest);
    expect(await refusal(tree, {})).toEqual(['PAVED-206', 'PAVED-210', 'PAVED-207']);
  });

  it('refuses a folder that exists without being a project', async () => {
    tree.write('libs/shop/cart/notes.txt', 'keep me');
    expect(await refusal(tree, {})).toEqual(['PAVED-207']);
    expect(tree.read('libs/shop/cart/notes.txt', 'utf-8')).toBe('keep me');
  });

  it('reports every problem at once', async () => {
    expect(await refusal(tree, { kind: 'nope', name: 'Bad', scope: 'nowhere', owners: 'x' })).toEqual([
      'PAVED-200',
      'PAVED-204',
      'PAVED-201',
      'PAVED-209',
    ]);
  });

  it('refuses to run without a valid paved.json', async () => {
    tree.delete('paved.json');
    expect(await refusal(tree, {})).toEqual(['PAVED-100']);
    tree.write('paved.json', '{ "npmScope": "acme" }');
    expect(await refusal(tree, {})).toEqual(['PAVED-102', 'PAVED-102', 'PAVED-102']);
  });
});

describe("project generator: the workspace's TypeScript setup", () => {
  function bare(): Tree {
    const tree = createTreeWithEmptyWorkspace();
    writeJson(tree, 'paved.json', policy);
    tree.delete('tsconfig.base.json');
    return tree;
  }

  it('maps the import path in a root tsconfig.json when the workspace has no tsconfig.base.json', async () => {
    const tree = bare();
    writeJson(tree, 'tsconfig.json', { compilerOptions: { paths: { '@acme/old': ['libs/old/src/index.ts'] } } });
    await projectGenerator(tree, libRequest);
    expect(tree.exists('tsconfig.base.json')).toBe(false);
    expect(readJson(tree, 'tsconfig.json').compilerOptions.paths['@acme/cart']).toEqual([
      './libs/shop/cart/src/index.ts',
    ]);
    expect(readJson(tree, 'libs/shop/cart/tsconfig.json').extends).toBe('../../../tsconfig.json');
  });

  it('adds a project reference, not a path, in a TS solution workspace', async () => {
    const tree = bare();
    writeJson(tree, 'tsconfig.base.json', { compilerOptions: { composite: true } });
    writeJson(tree, 'tsconfig.json', { files: [], references: [{ path: './libs/shared/util' }] });
    await projectGenerator(tree, libRequest);
    const solution = readJson(tree, 'tsconfig.json');
    expect(solution.references).toEqual([{ path: './libs/shared/util' }, { path: './libs/shop/cart' }]);
    expect(solution.compilerOptions).toBeUndefined();
    expect(readJson(tree, 'tsconfig.base.json').compilerOptions.paths).toBeUndefined();
    const own = readJson(tree, 'libs/shop/cart/tsconfig.json');
    expect(own.extends).toBe('../../../tsconfig.base.json');
    expect(own.compilerOptions.composite).toBe(true);
    expect(readJson(tree, 'libs/shop/cart/package.json').name).toBe('@acme/cart');
  });

  it('changes no tsconfig where packages resolve through package-manager workspaces alone', async () => {
    const tree = bare();
    writeJson(tree, 'tsconfig.json', { compilerOptions: { strict: true }, include: ['*.config.*'] });
    tree.write('pnpm-workspace.yaml', "packages:\n  - 'libs/**'\n  - '!libs/legacy/**'\n");
    await projectGenerator(tree, libRequest);
    expect(readJson(tree, 'tsconfig.json')).toEqual({ compilerOptions: { strict: true }, include: ['*.config.*'] });
    expect(tree.exists('tsconfig.base.json')).toBe(false);
    expect(readJson(tree, 'libs/shop/cart/tsconfig.json').extends).toBe('../../../tsconfig.json');
    expect(readJson(tree, 'libs/shop/cart/package.json').name).toBe('@acme/cart');
  });

  it('warns, in a workspaces setup, when the new folder is outside the workspace globs', async () => {
    const tree = bare();
    writeJson(tree, 'package.json', { name: 'root', workspaces: ['packages/*'] });
    const warnings: string[] = [];
    const original = logger.warn;
    logger.warn = (message: string) => void warnings.push(message);
    try {
      await projectGenerator(tree, libRequest);
    } finally {
      logger.warn = original;
    }
    expect(warnings).toEqual([
      expect.stringContaining('libs/shop/cart is outside the package-manager workspace globs'),
    ]);
    expect(readJson(tree, 'tsconfig.base.json').compilerOptions).toMatchObject({ strict: true });
    expect(readJson(tree, 'libs/shop/cart/tsconfig.json').extends).toBe('../../../tsconfig.base.json');
  });

  it('refuses, where packages resolve by name, an import path another package already has', async () => {
    const tree = bare();
    tree.write('pnpm-workspace.yaml', 'packages:\n  - packages/*\n');
    writeJson(tree, 'packages/legacy-cart/package.json', { name: '@acme/cart' });
    writeJson(tree, 'packages/legacy-cart/project.json', { name: 'legacy-cart', root: 'packages/legacy-cart' });
    expect(await refusal(tree, {})).toContain('PAVED-210');
  });

  it('refuses, in a TS solution workspace, an import path another package already has as its name', async () => {
    const tree = bare();
    writeJson(tree, 'tsconfig.json', { files: [], references: [] });
    writeJson(tree, 'packages/legacy-cart/package.json', { name: '@acme/cart' });
    writeJson(tree, 'packages/legacy-cart/project.json', { name: 'legacy-cart', root: 'packages/legacy-cart' });
    expect(await refusal(tree, {})).toContain('PAVED-210');
  });
});
