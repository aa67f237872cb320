import { type Metafile } from 'esbuild';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveDependencies, readInstalledVersion, type InstalledVersion } from './dependencies';

const root = '/repo';

/** A metafile whose inputs import what `imports` says and whose single output keeps `required`. */
function metafile(imports: Record<string, string[]>, required = Object.values(imports).flat()): Metafile {
  return {
    inputs: Object.fromEntries(
      Object.entries(imports).map(([file, paths]) => [
        file,
        { bytes: 1, imports: paths.map((path) => ({ path, kind: 'import-statement' as const, external: true })) },
      ]),
    ),
    outputs: {
      'dist/index.js': {
        bytes: 1,
        inputs: {},
        exports: [],
        imports: required.map((path) => ({ path, kind: 'require-call' as const, external: true })),
      },
    },
  };
}

/** Versions by package, as installed for files under a folder prefix (the first matching prefix wins). */
function installed(table: Record<string, Record<string, string>>): InstalledVersion {
  return (name, fromDir) => {
    const prefix = Object.keys(table).find((candidate) => fromDir.startsWith(join(root, candidate)));
    return prefix === undefined ? undefined : table[prefix][name];
  };
}

describe('deriveDependencies', () => {
  it('turns every third-party import into a caret range of the installed version, without builtins', () => {
    const derived = deriveDependencies(
      metafile({
        'libs/a/src/a.ts': ['zod', 'node:fs', 'path', '@scope/pkg/sub/path.json'],
        'libs/b/src/b.ts': ['zod'],
      }),
      root,
      {},
      installed({ libs: { zod: '4.6.7', '@scope/pkg': '0.3.1' } }),
    );
    expect(derived.problems).toEqual([]);
    expect(derived.dependencies).toEqual({ '@scope/pkg': '^0.3.1', zod: '^4.6.7' });
  });

  it('leaves out imports the bundle dropped (type-only ones esbuild still lists on the input)', () => {
    const derived = deriveDependencies(
      metafile({ 'libs/a/src/a.ts': ['zod', 'types-only'] }, ['zod']),
      root,
      {},
      installed({ libs: { zod: '4.6.7' } }),
    );
    expect(derived.dependencies).toEqual({ zod: '^4.6.7' });
  });

  it('declares host-owned packages as peers with their range, imported or not, marking the optional ones', () => {
    const derived = deriveDependencies(
      metafile({ 'tools/p/src/index.ts': ['@nx/devkit', 'yaml'] }),
      root,
      { '@nx/devkit': { range: '>=22.0.0 <24.0.0' }, eslint: { range: '^9.0.0 || ^10.0.0', optional: true } },
      installed({ tools: { '@nx/devkit': '23.2.1', yaml: '2.9.1' }, '': { eslint: '10.15.0' } }),
    );
    expect(derived.problems).toEqual([]);
    expect(derived.dependencies).toEqual({ yaml: '^2.9.1' });
    expect(derived.peerDependencies).toEqual({ '@nx/devkit': '>=22.0.0 <24.0.0', eslint: '^9.0.0 || ^10.0.0' });
    expect(derived.peerDependenciesMeta).toEqual({ eslint: { optional: true } });
  });

  it('reports an import of a package that is not installed where the file resolves it (PAVED-902)', () => {
    const derived = deriveDependencies(metafile({ 'libs/a/src/a.ts': ['ghost'] }), root, {}, installed({}));
    expect(derived.problems).toEqual([
      expect.objectContaining({
        code: 'PAVED-902',
        file: 'libs/a/src/a.ts',
        message: expect.stringContaining('"ghost"'),
      }),
    ]);
    expect(derived.dependencies).toEqual({});
  });

  it('reports one package installed at two versions for two bundled files (PAVED-903): no range fits both', () => {
    const derived = deriveDependencies(
      metafile({ 'libs/a/src/a.ts': ['semver'], 'libs/b/src/b.ts': ['semver'] }),
      root,
      {},
      installed({ 'libs/a': { semver: '7.8.6' }, 'libs/b': { semver: '6.3.1' } }),
    );
    expect(derived.problems).toEqual([expect.objectContaining({ code: 'PAVED-903' })]);
    expect(derived.problems[0].message).toMatch(/semver is installed at 7\.8\.6 and 6\.3\.1/);
    expect(derived.dependencies).toEqual({});
  });

  it('reports a host package installed here outside the peer range it is declared with (PAVED-904)', () => {
    const derived = deriveDependencies(
      metafile({ 'tools/p/src/index.ts': ['@nx/devkit'] }),
      root,
      { '@nx/devkit': { range: '>=22.0.0 <23.0.0' } },
      installed({ tools: { '@nx/devkit': '23.2.1' } }),
    );
    expect(derived.problems).toEqual([expect.objectContaining({ code: 'PAVED-904' })]);
    expect(derived.problems[0].message).toContain('@nx/devkit 23.2.1');
  });
});

describe('readInstalledVersion', () => {
  it("follows Node's lookup: the nearest node_modules up from the importing folder wins", () => {
    const workspace = mkdtempSync(join(tmpdir(), 'paved-installed-'));
    const install = (dir: string, version: string) => {
      mkdirSync(join(workspace, dir, 'node_modules', '@s', 'p'), { recursive: true });
      writeFileSync(join(workspace, dir, 'node_modules', '@s', 'p', 'package.json'), JSON.stringify({ version }));
    };
    install('.', '1.0.0');
    install('libs/a', '2.0.0');
    mkdirSync(join(workspace, 'libs', 'a', 'src'), { recursive: true });
    expect(readInstalledVersion('@s/p', join(workspace, 'libs', 'a', 'src'))).toBe('2.0.0');
    expect(readInstalledVersion('@s/p', join(workspace, 'libs'))).toBe('1.0.0');
    expect(readInstalledVersion('@s/missing', join(workspace, 'libs'))).toBeUndefined();
  });
});
