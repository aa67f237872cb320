import { isPavedError } from '@paved/errors';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackageLayout } from './layout';
import { packPackage, type PackageDefinition } from './pack';

/** The fields the published package.json keeps from the project's. */
const kept = { name: '@acme/tool', version: '2.0.0', description: 'A tool.', license: 'MIT' };

/**
 * A tiny workspace: a tool (tools/acme) with an entry and a bin that import an internal library
 * (@acme/util, mapped by tsconfig paths) and a third-party package installed for that library.
 */
function workspace(sourceManifest: Record<string, unknown> = {}): PackageDefinition {
  const root = mkdtempSync(join(tmpdir(), 'paved-pack-'));
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  write(
    'tsconfig.base.json',
    JSON.stringify({ compilerOptions: { paths: { '@acme/util': ['./libs/util/src/index.ts'] } } }),
  );
  write(
    'libs/util/src/index.ts',
    "import { type Left } from 'left-pad';\nimport leftPad from 'left-pad';\nexport const pad = (s: string): string => leftPad(s, 4) as Left;\n",
  );
  write(
    'libs/util/node_modules/left-pad/package.json',
    JSON.stringify({ name: 'left-pad', version: '1.3.0', main: 'index.js' }),
  );
  write('libs/util/node_modules/left-pad/index.js', 'module.exports = (s, n) => s.padStart(n);\n');
  write(
    'tools/acme/src/index.ts',
    "import { pad } from '@acme/util';\nimport { readFileSync } from 'node:fs';\nexport const run = () => [pad('x'), readFileSync];\n",
  );
  write('tools/acme/src/cli.ts', "#!/usr/bin/env tsx\nimport { run } from './index';\nrun();\n");
  write('tools/acme/README.md', '# acme\n');
  write(
    'tools/acme/package.json',
    JSON.stringify({
      ...kept,
      publishConfig: { directory: '../../dist/packages/tool' },
      dependencies: { '@acme/util': 'workspace:*' },
      ...sourceManifest,
    }),
  );
  const layout = new PackageLayout()
    .entry('tools/acme/src/index.ts', 'src/index.js')
    .entry('tools/acme/src/cli.ts', 'bin/acme.js', { shebang: '#!/usr/bin/env node' })
    .copy('tools/acme/README.md', 'README.md');
  return {
    workspaceRoot: root,
    projectRoot: 'tools/acme',
    layout,
    peers: {},
    manifest: { main: layout.locate('tools/acme/src/index.ts'), bin: { acme: layout.locate('tools/acme/src/cli.ts') } },
    internalPrefix: '@acme/',
    target: 'node20',
    tsconfig: 'tsconfig.base.json',
  };
}

describe('packPackage', () => {
  it('assembles the publish directory, derives dependencies from the bundles and packs the tarball beside it', async () => {
    const definition = workspace();
    const packed = await packPackage(definition);
    const dist = join(definition.workspaceRoot, 'dist', 'packages');

    expect(packed.directory).toBe(join(dist, 'tool'));
    expect(packed.tarball).toBe(join(dist, 'acme-tool-2.0.0.tgz'));
    expect([...packed.files.keys()].sort()).toEqual(['README.md', 'bin/acme.js', 'package.json', 'src/index.js']);
    expect(JSON.parse(readFileSync(join(packed.directory, 'package.json'), 'utf-8'))).toEqual({
      ...kept,
      main: './src/index.js',
      bin: { acme: './bin/acme.js' },
      dependencies: { 'left-pad': '^1.3.0' },
    });
    const index = packed.files.get('src/index.js')?.toString() ?? '';
    expect(index).toContain('require("left-pad")');
    // The internal library is inlined, not required.
    expect(index).toContain('var pad = (s) =>');
    expect(index).not.toContain('@acme/util');
    // The bin requires the entry it imports instead of carrying a second copy.
    const bin = packed.files.get('bin/acme.js')?.toString() ?? '';
    // The entry's own `#!` line (tsx, for running from source) gives way to the package's.
    expect(bin.split('\n').filter((line) => line.startsWith('#!'))).toEqual(['#!/usr/bin/env node']);
    expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(bin).toContain('require("../src/index.js")');
  });

  it('keeps only the tarball of the version it packed', async () => {
    const definition = workspace();
    const stale = join(definition.workspaceRoot, 'dist', 'packages', 'acme-tool-1.9.0.tgz');
    const other = join(definition.workspaceRoot, 'dist', 'packages', 'acme-tool-extras-1.0.0.tgz');
    mkdirSync(dirname(stale), { recursive: true });
    writeFileSync(stale, '');
    writeFileSync(other, '');
    await packPackage(definition);
    expect([existsSync(stale), existsSync(other)]).toEqual([false, true]);
  });

  it('refuses a private package and one without a publish directory, writing nothing (PAVED-900)', async () => {
    const definition = workspace({ private: true, publishConfig: undefined });
    const error = await packPackage(definition).catch((caught: unknown) => caught);
    expect(isPavedError(error) && error.problems.map((problem) => [problem.code, problem.keyPath])).toEqual([
      ['PAVED-900', 'private'],
    ]);
    const noDirectory = await packPackage(workspace({ publishConfig: {} })).catch((caught: unknown) => caught);
    expect(isPavedError(noDirectory) && noDirectory.problems[0].keyPath).toBe('publishConfig.directory');
    expect(existsSync(join(definition.workspaceRoot, 'dist'))).toBe(false);
  });

  it('refuses a publish directory that holds the sources it would empty', async () => {
    const definition = workspace({ publishConfig: { directory: '..' } });
    await expect(packPackage(definition)).rejects.toThrow(/is or contains the project's sources/);
    expect(existsSync(join(definition.workspaceRoot, 'tools', 'acme', 'src', 'index.ts'))).toBe(true);
  });

  it('refuses a bundle esbuild cannot build (PAVED-901) and a package.json field naming a missing copy (PAVED-900)', async () => {
    const broken = workspace();
    writeFileSync(
      join(broken.workspaceRoot, 'tools/acme/src/index.ts'),
      "import { nothing } from './missing';\nnothing();\n",
    );
    await expect(packPackage(broken)).rejects.toThrow(
      /PAVED-901 tools\/acme\/src\/index\.ts:1: Could not resolve "\.\/missing"/,
    );

    const missingCopy = workspace();
    missingCopy.layout.copy('tools/acme/LICENSE', 'LICENSE');
    await expect(packPackage(missingCopy)).rejects.toThrow(/PAVED-900 tools\/acme\/LICENSE: is to be copied/);
  });
});
