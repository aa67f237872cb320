import { FsTree, flushChanges } from 'nx/src/generators/tree';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsSource } from '../js-source';
import { contents, fixtureFiles, fixtureTree, read, refusal } from '../testing/fixtures';
import { mergeEslintConfig } from './merge-eslint';

/** The merge only inserted text: `original` is `merged` with some characters taken out. */
function onlyInserts(original: string, merged: string): boolean {
  let at = 0;
  for (const char of merged) if (char === original[at]) at++;
  return at === original.length;
}

const mergeable = [
  ['nx-esm', 'eslint.config.mjs', 'esm'],
  ['nx-cjs', 'eslint.config.cjs', 'cjs'],
  ['flat-compat', 'eslint.config.js', 'cjs'],
  ['tseslint', 'eslint.config.mjs', 'esm'],
  ['define-config-ts', 'eslint.config.ts', 'esm'],
  ['const-export', 'eslint.config.js', 'esm'],
  ['jsdoc-cjs', 'eslint.config.cjs', 'cjs'],
  ['object-export', 'eslint.config.mjs', 'esm'],
  ['shared-package', 'eslint.config.mjs', 'esm'],
] as const;

describe('mergeEslintConfig on the flat config forms real workspaces use', () => {
  it.each(mergeable)(
    '%s: wraps the export and imports Paved in the file’s module system, only inserting',
    (name, file, system) => {
      const tree = fixtureTree(`eslint/${name}`);
      const original = read(tree, file);
      const result = mergeEslintConfig(tree);
      const merged = read(tree, file);

      expect(result.changes).toEqual([{ path: file, action: 'updated' }]);
      expect(result.configFile).toBe(file);
      expect(onlyInserts(original, merged), merged).toBe(true);
      expect(merged.length - original.length).toBeLessThan(100);
      const source = new JsSource(file, merged);
      expect(source.moduleOf('withPavedPresets')).toMatchObject({
        module: '@paved/nx/eslint',
        imported: 'withPavedPresets',
      });
      const site = source.exportSite();
      expect('expression' in site && site.expression.getText(source.sourceFile)).toMatch(/^withPavedPresets\(/);
      expect('system' in site && site.system).toBe(system);

      const second = mergeEslintConfig(tree);
      expect(second.changes).toEqual([]);
      expect(read(tree, file)).toBe(merged);
    },
  );

  it('adds the import after the last one and leaves the rest byte for byte (Nx ESM config)', () => {
    const tree = fixtureTree('eslint/nx-esm');
    const original = read(tree, 'eslint.config.mjs');
    mergeEslintConfig(tree);
    expect(read(tree, 'eslint.config.mjs')).toBe(
      original
        .replace(
          "import nx from '@nx/eslint-plugin';\n",
          "import nx from '@nx/eslint-plugin';\nimport { withPavedPresets } from '@paved/nx/eslint';\n",
        )
        .replace('export default [\n', 'export default withPavedPresets([\n')
        .replace(/\];\n$/, ']);\n'),
    );
  });

  it('puts a require below a // @ts-check header and above the JSDoc that types the export', () => {
    const tree = fixtureTree('eslint/jsdoc-cjs');
    mergeEslintConfig(tree);
    expect(read(tree, 'eslint.config.cjs')).toBe(
      [
        '// @ts-check',
        '',
        "const { withPavedPresets } = require('@paved/nx/eslint');",
        '',
        "/** @type {import('eslint').Linter.Config[]} */",
        'module.exports = withPavedPresets([',
        '  {',
        '    rules: {',
        "      'no-console': 'error',",
        '    },',
        '  },',
        ']);',
        '',
      ].join('\n'),
    );
  });

  it('writes the import in the quotes and semicolon style of the file', () => {
    const tree = fixtureTree('eslint/tseslint');
    mergeEslintConfig(tree);
    const merged = read(tree, 'eslint.config.mjs');
    expect(merged).toContain(
      'import tseslint from "typescript-eslint";\nimport { withPavedPresets } from "@paved/nx/eslint";\n',
    );
    expect(merged).toMatch(/export default withPavedPresets\(tseslint\.config\([\s\S]*\)\)\n$/);
  });

  it('says that the team’s own boundary options stay and which constraints paved.json replaces', () => {
    const result = mergeEslintConfig(fixtureTree('eslint/flat-compat'));
    expect(result.notes.join('\n')).toContain(
      'eslint.config.js sets @nx/enforce-module-boundaries: your options stay, and paved.json',
    );
  });

  it('asks for @nx/eslint-plugin at the version of nx when the workspace does not declare it', () => {
    expect(mergeEslintConfig(fixtureTree('eslint/nx-esm')).devDependencies).toEqual({});
    expect(mergeEslintConfig(fixtureTree('eslint/const-export')).devDependencies).toEqual({
      '@nx/eslint-plugin': '^22.0.0',
    });
  });

  it('leaves a config that already imports Paved alone', () => {
    const tree = fixtureTree('eslint/already-paved');
    const result = mergeEslintConfig(tree);
    expect(result.changes).toEqual([]);
    expect(result.notes).toContain('eslint.config.ts already imports @paved/nx/eslint; left as it is.');
  });

  it('edits the config ESLint loads and says the others are ignored', () => {
    const tree = fixtureTree('eslint/nx-esm', { 'eslint.config.cjs': 'module.exports = [];\n' });
    const result = mergeEslintConfig(tree);
    expect(result.changes.map((c) => c.path)).toEqual(['eslint.config.mjs']);
    expect(result.notes).toContain(
      'eslint.config.cjs is ignored: ESLint loads only the first of its config files it finds, eslint.config.mjs.',
    );
  });
});

describe('mergeEslintConfig without a flat config', () => {
  const esmConfig = "import { pavedEslintConfig } from '@paved/nx/eslint';\n\nexport default pavedEslintConfig();\n";
  const cjsConfig =
    "const { pavedEslintConfig } = require('@paved/nx/eslint');\n\nmodule.exports = pavedEslintConfig();\n";
  const tooling = { '@eslint/js': '9.39.5', 'typescript-eslint': '8.73.0' };

  it.each([
    // "type": "module" and Nx 23: ESM, ESLint 10, and @nx/eslint-plugin at nx's version.
    ['none-esm', esmConfig, { eslint: '10.15.0', ...tooling, '@nx/eslint-plugin': '23.2.1' }],
    // No "type" and Nx 22, which declares its plugin already: CommonJS and ESLint 9.
    ['none-cjs', cjsConfig, { eslint: '^9.39.0', ...tooling }],
  ])(
    "%s: writes Paved's config in the root package.json's module system, with what it needs",
    (name, config, needs) => {
      const tree = fixtureTree(`eslint/${name}`);
      const result = mergeEslintConfig(tree);
      expect(result.changes).toEqual([{ path: 'eslint.config.js', action: 'created' }]);
      expect(read(tree, 'eslint.config.js')).toBe(config);
      expect(result.devDependencies).toEqual(needs);
      expect(mergeEslintConfig(tree).changes).toEqual([]);
    },
  );

  it('refuses a legacy .eslintrc workspace with what to do, writing nothing', () => {
    const tree = fixtureTree('eslint/legacy');
    const before = contents(tree);
    const error = refusal(() => mergeEslintConfig(tree));
    expect(error.code).toBe('PAVED-700');
    expect(error.problems[0].file).toBe('.eslintrc.json');
    expect(error.message).toContain('npx @eslint/migrate-config .eslintrc.json');
    expect(error.message).toContain('--no-eslint');
    expect(contents(tree)).toEqual(before);
  });

  it('refuses an "eslintConfig" key in package.json the same way', () => {
    const tree = fixtureTree('eslint/none-cjs', { 'package.json': JSON.stringify({ eslintConfig: { root: true } }) });
    const error = refusal(() => mergeEslintConfig(tree));
    expect(error.code).toBe('PAVED-700');
    expect(error.message).toContain('npx @eslint/migrate-config package.json');
  });
});

describe('mergeEslintConfig refusals name the file and the line, and write nothing', () => {
  it.each([
    [
      'unknown-call',
      'eslint.config.mjs',
      'PAVED-701',
      'line 3',
      'the result of createConfig(), which Paved does not know',
    ],
    ['computed', 'eslint.config.mjs', 'PAVED-701', 'line 4', 'a computed value (ConditionalExpression)'],
    ['reassigned', 'eslint.config.js', 'PAVED-701', 'line 5', '`config` is reassigned'],
    ['syntax-error', 'eslint.config.mjs', 'PAVED-702', 'line 6', 'cannot be parsed'],
  ])('%s', (name, file, code, line, message) => {
    const tree = fixtureTree(`eslint/${name}`);
    const before = contents(tree);
    const error = refusal(() => mergeEslintConfig(tree));
    expect(error.code).toBe(code);
    expect(error.problems[0]).toMatchObject({ file, keyPath: line });
    expect(error.message).toContain(message);
    expect(contents(tree)).toEqual(before);
  });

  it('names the option that skips ESLint', () => {
    expect(refusal(() => mergeEslintConfig(fixtureTree('eslint/unknown-call'))).message).toContain('--no-eslint');
  });
});

describe('mergeEslintConfig and project configs', () => {
  it('notes project configs that do not build on the root config, or override its boundary rule', () => {
    const result = mergeEslintConfig(fixtureTree('eslint/project-configs'), {
      projectRoots: ['.', 'libs/shop', 'libs/billing', 'libs/legacy', 'libs/none'],
    });
    const notes = result.notes.filter((note) => note.startsWith('libs/'));
    expect(notes).toEqual([
      "libs/billing/eslint.config.mjs does not import the root eslint.config.mjs, so Paved's presets do not apply to libs/billing: spread the root config into it (`...baseConfig`).",
      "libs/legacy/eslint.config.cjs sets @nx/enforce-module-boundaries after the root config: for libs/legacy its options replace Paved's.",
    ]);
  });
});

describe('mergeEslintConfig and symbolic links (a real FsTree over a folder)', () => {
  let root: string;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  function workspace(files: Record<string, string>): FsTree {
    root = mkdtempSync(join(tmpdir(), 'paved-merge-'));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return new FsTree(root, false);
  }

  it('edits the target of a linked root config, and the link stays a link', () => {
    const config = fixtureFiles('eslint/nx-esm')['eslint.config.mjs'];
    const tree = workspace({ 'package.json': '{}', 'tools/eslint/base.mjs': config });
    symlinkSync('tools/eslint/base.mjs', join(root, 'eslint.config.mjs'));
    const result = mergeEslintConfig(tree);
    flushChanges(root, tree.listChanges());

    expect(result.changes).toEqual([{ path: 'tools/eslint/base.mjs', action: 'updated' }]);
    expect(result.configFile).toBe('tools/eslint/base.mjs');
    expect(result.notes).toContain(
      'eslint.config.mjs is a symbolic link to tools/eslint/base.mjs: Paved edits the target, so the link and everything sharing it stay in step.',
    );
    expect(lstatSync(join(root, 'eslint.config.mjs')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'eslint.config.mjs'), 'utf-8')).toContain('export default withPavedPresets([');
    expect(mergeEslintConfig(new FsTree(root, false)).changes).toEqual([]);
  });

  it('follows a linked project config to where its imports resolve from', () => {
    const tree = workspace({
      'package.json': '{}',
      'eslint.config.mjs': 'export default [];\n',
      'tools/eslint/project.mjs': "import base from '../../eslint.config.mjs';\n\nexport default [...base];\n",
    });
    mkdirSync(join(root, 'libs/shop'), { recursive: true });
    symlinkSync('../../tools/eslint/project.mjs', join(root, 'libs/shop/eslint.config.mjs'));
    const result = mergeEslintConfig(tree, { projectRoots: ['libs/shop'] });
    expect(result.notes.filter((note) => note.startsWith('libs/'))).toEqual([]);
  });

  it('sees the root config through a linked import beside the project config', () => {
    const tree = workspace({
      'package.json': '{}',
      'eslint.config.js': 'export default [];\n',
      'packages/core/eslint.config.js':
        "import rootConfig from './root.eslint.config.js';\n\nexport default [...rootConfig];\n",
      'packages/solo/eslint.config.js': "import local from './local.eslint.config.js';\n\nexport default [...local];\n",
      'packages/solo/local.eslint.config.js': 'export default [];\n',
    });
    symlinkSync('../../eslint.config.js', join(root, 'packages/core/root.eslint.config.js'));
    const result = mergeEslintConfig(tree, { projectRoots: ['packages/core', 'packages/solo'] });
    expect(result.notes.filter((note) => note.startsWith('packages/'))).toEqual([
      expect.stringMatching(/^packages\/solo\/eslint.config.js does not import the root eslint.config.js/),
    ]);
  });

  it('refuses a link out of the workspace, or to nothing, writing nothing', () => {
    const outside = mkdtempSync(join(tmpdir(), 'paved-shared-'));
    try {
      writeFileSync(join(outside, 'eslint.config.mjs'), 'export default [];\n');
      const tree = workspace({ 'package.json': '{}' });
      symlinkSync(join(outside, 'eslint.config.mjs'), join(root, 'eslint.config.mjs'));
      const error = refusal(() => mergeEslintConfig(tree));
      expect(error.code).toBe('PAVED-703');
      expect(error.message).toContain('outside the workspace');
      expect(tree.listChanges()).toEqual([]);

      rmSync(join(root, 'eslint.config.mjs'));
      symlinkSync('missing.mjs', join(root, 'eslint.config.mjs'));
      expect(refusal(() => mergeEslintConfig(new FsTree(root, false))).message).toContain('does not exist');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
