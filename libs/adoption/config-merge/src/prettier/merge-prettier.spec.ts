import { describe, expect, it } from 'vitest';
import { contents, read, treeWith } from '../testing/fixtures';
import { PRETTIER_CONFIG_FILES, mergePrettierConfig } from './merge-prettier';

const packageJson = (extra: object = {}) =>
  JSON.stringify({ name: '@acme/source', devDependencies: { prettier: '^3.0.0' }, ...extra });

describe('mergePrettierConfig', () => {
  it.each(PRETTIER_CONFIG_FILES)('keeps an existing %s and writes nothing', (file) => {
    const tree = treeWith({ 'package.json': packageJson(), [file]: 'anything the team wrote\n' });
    const before = contents(tree);
    const result = mergePrettierConfig(tree);
    expect(result.changes).toEqual([]);
    expect(result.notes).toEqual([`Prettier: kept your config (${file}); Paved's preset is not applied.`]);
    expect(contents(tree)).toEqual(before);
  });

  it('keeps a "prettier" key in package.json or package.yaml', () => {
    expect(
      mergePrettierConfig(treeWith({ 'package.json': packageJson({ prettier: '@acme/prettier-config' }) })).changes,
    ).toEqual([]);
    const yaml = treeWith({ 'package.json': packageJson(), 'package.yaml': 'name: acme\nprettier:\n  semi: false\n' });
    expect(mergePrettierConfig(yaml).changes).toEqual([]);
  });

  it("writes .prettierrc with Paved's preset and a .prettierignore when there is no config", () => {
    const tree = treeWith({ 'package.json': JSON.stringify({ name: '@acme/source' }) });
    const result = mergePrettierConfig(tree);
    expect(result.changes).toEqual([
      { path: '.prettierrc', action: 'created' },
      { path: '.prettierignore', action: 'created' },
    ]);
    expect(read(tree, '.prettierrc')).toBe('"@paved/nx/prettier"\n');
    expect(read(tree, '.prettierignore')).toContain('/dist\n');
    expect(result.devDependencies).toEqual({ prettier: '3.10.1' });

    const second = mergePrettierConfig(tree);
    expect(second.changes).toEqual([]);
    expect(second.notes).toEqual(["Prettier: .prettierrc already uses Paved's preset."]);
  });

  it('keeps an existing .prettierignore', () => {
    const tree = treeWith({ 'package.json': packageJson(), '.prettierignore': 'generated\n' });
    expect(mergePrettierConfig(tree).changes).toEqual([{ path: '.prettierrc', action: 'created' }]);
    expect(read(tree, '.prettierignore')).toBe('generated\n');
  });
});
