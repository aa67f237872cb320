import { isPavedError } from '@paved/errors';
import { describe, expect, it } from 'vitest';
import { PackageLayout } from './layout';

describe('PackageLayout', () => {
  const layout = new PackageLayout()
    .entry('tools/plugin/src/index.ts', 'src/index.js')
    .copy('./tools/plugin/generators.json', 'generators.json')
    .copy('generators/ts-lib', 'catalog/ts-lib');

  it('locates a bundled source at its bundle, and a copied file or a file in a copied folder at its copy', () => {
    expect(layout.locate('tools/plugin/src/index.ts')).toBe('./src/index.js');
    expect(layout.locate('tools/plugin/./generators.json')).toBe('./generators.json');
    expect(layout.locate('generators/ts-lib/template.json')).toBe('./catalog/ts-lib/template.json');
  });

  it('refuses a file the package does not ship (PAVED-900), so package.json cannot name it', () => {
    const error = (() => {
      try {
        layout.locate('tools/plugin/src/eslint.ts');
      } catch (caught) {
        return caught;
      }
    })();
    expect(isPavedError(error) && error.code).toBe('PAVED-900');
    expect(String(error)).toContain('"tools/plugin/src/eslint.ts" is not part of the package');
    // A folder whose name merely starts like a copied one is not inside it.
    expect(() => layout.locate('generators/ts-lib-extra/template.json')).toThrow(/not part of the package/);
  });
});
