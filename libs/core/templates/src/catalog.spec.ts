import { PavedError } from '@paved/errors';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInCatalogDirs, Catalog } from './catalog';

const template = {
  description: 'A kind',
  projectType: 'library',
  version: '1.0.0',
  defaultPath: 'libs/{name}',
  allowedTypes: ['util'],
};

function catalogDir(kinds: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'paved-catalog-'));
  for (const [name, content] of Object.entries(kinds)) {
    mkdirSync(join(dir, name, 'files'), { recursive: true });
    writeFileSync(join(dir, name, 'template.json'), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const repoCatalog = join(__dirname, '..', '..', '..', '..', 'generators');

describe('Catalog', () => {
  it("finds the built-in kinds: this repository's generators/ folder", () => {
    expect(builtInCatalogDirs()).toEqual([repoCatalog]);
  });

  it("finds a published bundle's kinds in catalog/ beside its package.json, from any folder of the package", () => {
    const packageRoot = mkdtempSync(join(tmpdir(), 'paved-package-'));
    writeFileSync(join(packageRoot, 'package.json'), '{"name":"@paved/nx"}');
    mkdirSync(join(packageRoot, 'catalog', 'ts-lib'), { recursive: true });
    mkdirSync(join(packageRoot, 'src', 'executors', 'check'), { recursive: true });
    for (const codeDir of ['src/executors/check', 'src', '.']) {
      expect(builtInCatalogDirs(join(packageRoot, codeDir))).toEqual([join(packageRoot, 'catalog')]);
    }
  });

  it('finds no built-in kinds in a package that carries none', () => {
    const packageRoot = mkdtempSync(join(tmpdir(), 'paved-package-'));
    writeFileSync(join(packageRoot, 'package.json'), '{"name":"elsewhere"}');
    mkdirSync(join(packageRoot, 'dist'), { recursive: true });
    expect(builtInCatalogDirs(join(packageRoot, 'dist'))).toEqual([]);
  });

  it('lists the kinds this repository ships, with valid template.json files', () => {
    const catalog = new Catalog([repoCatalog]);
    expect(catalog.kindNames()).toEqual(expect.arrayContaining(['node-service', 'ts-lib']));
    for (const name of catalog.kindNames()) {
      expect(catalog.find(name)?.template.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('lets an earlier folder override a kind and add new ones, without code', () => {
    const workspace = catalogDir({ 'ts-lib': { ...template, description: 'Our own ts-lib' }, 'react-ui': template });
    const catalog = new Catalog([workspace, repoCatalog]);
    expect(catalog.find('ts-lib')?.template.description).toBe('Our own ts-lib');
    expect(catalog.find('ts-lib')?.dir).toBe(join(workspace, 'ts-lib'));
    expect(catalog.kindNames()).toEqual(expect.arrayContaining(['react-ui', 'node-service', 'ts-lib']));
  });

  it('returns undefined for a kind nobody has, and skips folders that do not exist', () => {
    expect(new Catalog(['/does/not/exist', repoCatalog]).find('cobol-batch')).toBeUndefined();
  });

  it('reports a broken template.json as PAVED-110 naming the file and key', () => {
    const dir = catalogDir({
      broken: { ...template, version: 'one', defaultType: 'app' },
      garbled: '{ nope',
    });
    const catalog = new Catalog([dir]);
    expect(() => catalog.find('broken')).toThrow(PavedError);
    try {
      catalog.find('broken');
    } catch (error) {
      expect((error as PavedError).problems.map((p) => [p.code, p.keyPath])).toEqual([
        ['PAVED-110', 'version'],
        ['PAVED-110', 'defaultType'],
      ]);
      expect((error as PavedError).problems[0].file).toBe(join(dir, 'broken', 'template.json'));
    }
    expect(() => catalog.find('garbled')).toThrow(/PAVED-110/);
  });
});
