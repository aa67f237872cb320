import { addProjectConfiguration, getProjects, writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { syncCodeowners } from './generator';

/** The projects as the tree declares them (`nx sync` reads Nx's project graph instead). */
const codeownersGenerator = (tree: Tree) =>
  syncCodeowners(
    tree,
    [...getProjects(tree).entries()].map(([name, config]) => ({
      name,
      root: config.root,
      tags: config.tags ?? [],
      paved: (config.metadata as { paved?: { owners?: string[] } } | undefined)?.paved,
    })),
  );

describe('codeowners sync generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    writeJson(tree, 'paved.json', {
      npmScope: '@acme',
      scopes: { shop: { owners: ['@acme/shop'] } },
      types: { util: {} },
      owners: { default: ['@acme/platform'] },
    });
    addProjectConfiguration(tree, 'cart', { root: 'libs/shop/cart', tags: ['scope:shop', 'type:util'] });
    addProjectConfiguration(tree, 'sdk', {
      root: 'libs/shop/sdk',
      tags: ['scope:shop', 'type:util'],
      metadata: { paved: { owners: ['@acme/sdk'] } } as never,
    });
  });

  it('writes GitHub and GitLab CODEOWNERS and reports them out of sync', async () => {
    const result = await codeownersGenerator(tree);
    expect(result.outOfSyncMessage).toBe(
      '.github/CODEOWNERS and .gitlab/CODEOWNERS do not match the owners in paved.json and project metadata',
    );
    expect(tree.read('.github/CODEOWNERS', 'utf-8')).toContain(
      '/libs/shop/cart/ @acme/shop\n/libs/shop/sdk/ @acme/sdk',
    );
    expect(tree.read('.gitlab/CODEOWNERS', 'utf-8')).toContain('[scope:shop]');
  });

  it('is idempotent: a second run changes nothing', async () => {
    await codeownersGenerator(tree);
    const before = tree.listChanges().map((c) => c.path);
    expect(await codeownersGenerator(tree)).toEqual({});
    expect(tree.listChanges().map((c) => c.path)).toEqual(before);
  });

  it('follows owner changes in paved.json and writes only the formats asked for', async () => {
    await codeownersGenerator(tree);
    writeJson(tree, 'paved.json', {
      npmScope: '@acme',
      scopes: { shop: { owners: ['@acme/new-shop'] } },
      types: { util: {} },
      codeowners: { formats: ['github'] },
    });
    const result = await codeownersGenerator(tree);
    expect(result.outOfSyncMessage).toContain('.github/CODEOWNERS does not match');
    expect(tree.read('.github/CODEOWNERS', 'utf-8')).toContain('/libs/shop/cart/ @acme/new-shop');
  });

  it("keeps a team's CODEOWNERS where its host reads it, with Paved's block first and the team's lines after", async () => {
    const team = '# Team rules\n/docs/ @acme/writers\n/libs/shop/cart/legacy/ @acme/legacy\n';
    tree.write('CODEOWNERS', team);
    writeJson(tree, 'paved.json', {
      npmScope: '@acme',
      scopes: { shop: { owners: ['@acme/shop'] } },
      types: { util: {} },
      codeowners: { formats: ['github'] },
    });
    await codeownersGenerator(tree);
    const written = tree.read('CODEOWNERS', 'utf-8') as string;
    expect(tree.exists('.github/CODEOWNERS')).toBe(false);
    expect(written.endsWith(team)).toBe(true);
    expect(written.indexOf('/libs/shop/cart/ @acme/shop')).toBeLessThan(written.indexOf(team));
    expect(await codeownersGenerator(tree)).toEqual({});
  });
});
