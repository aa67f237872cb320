import { writeJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { agentsMdGenerator } from './generator';

describe('agents-md sync generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    writeJson(tree, 'paved.json', {
      npmScope: '@acme',
      scopes: { shop: { owners: ['@acme/shop'] }, shared: {} },
      sharedScopes: ['shared'],
      types: { feature: { canDependOn: ['util'] }, util: { canDependOn: ['util'] }, app: { canDependOn: ['feature'] } },
      kinds: { 'ts-lib': { path: 'packages/{scope}/{name}', types: ['feature', 'util'] } },
      dependencies: { banned: [{ name: 'moment', reason: 'use date-fns' }] },
      toolchain: { packageManager: 'pnpm@10.34.9' },
    });
  });

  it('writes the conventions paved.json implies and reports them out of sync', async () => {
    expect(await agentsMdGenerator(tree)).toEqual({
      outOfSyncMessage: 'AGENTS.md does not match the conventions in paved.json',
    });
    const text = tree.read('AGENTS.md', 'utf-8') as string;
    expect(text).toContain('nx g @paved/nx:project --kind <kind>');
    expect(text).toContain('- `ts-lib` in `packages/{scope}/{name}`, `feature`, `util` (default):');
    expect(text).toContain('- `shop` may depend on `shop`, `shared`; owners @acme/shop.');
    expect(text).toContain('- `feature` may depend on `util`.');
    expect(text).toContain('- `moment`: use date-fns');
    expect(text).toContain('`pnpm@10.34.9`');
  });

  it('keeps what the team wrote and changes nothing on a second run', async () => {
    tree.write('AGENTS.md', '# Our notes\n\nRun `make` first.\n');
    await agentsMdGenerator(tree);
    const text = tree.read('AGENTS.md', 'utf-8') as string;
    expect(text.startsWith('# Our notes\n\nRun `make` first.\n')).toBe(true);
    expect(await agentsMdGenerator(tree)).toEqual({});
    expect(tree.read('AGENTS.md', 'utf-8')).toBe(text);
  });

  it('follows paved.json', async () => {
    await agentsMdGenerator(tree);
    const policy = JSON.parse(tree.read('paved.json', 'utf-8') as string);
    policy.types.feature.canDependOn = ['util', 'feature'];
    writeJson(tree, 'paved.json', policy);
    expect((await agentsMdGenerator(tree)).outOfSyncMessage).toBeDefined();
    expect(tree.read('AGENTS.md', 'utf-8')).toContain('- `feature` may depend on `util`, `feature`.');
  });
});
