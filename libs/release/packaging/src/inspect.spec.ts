import { describe, expect, it } from 'vitest';
import { inspectPackage, type InspectOptions } from './inspect';

const options: InspectOptions = {
  buildRoots: ['/home/ci/checkout'],
  internalPrefix: '@acme/',
  peers: {
    nx: { range: '>=22.0.0 <24.0.0' },
    eslint: { range: '^9.0.0', optional: true, onlyFrom: ['eslint.js'] },
  },
};

const manifest = {
  name: '@acme/plugin',
  version: '1.0.0',
  main: './src/index.js',
  bin: { acme: './bin/acme.js' },
  exports: { '.': './src/index.js', './eslint': './eslint.js', './package.json': './package.json' },
  generators: './generators.json',
  dependencies: { zod: '^4.0.0' },
  peerDependencies: { nx: '>=22.0.0 <24.0.0', eslint: '^9.0.0' },
};

/** A self-contained package; each test breaks one thing in it. */
function cleanPackage(): Map<string, string> {
  return new Map([
    ['package.json', JSON.stringify(manifest)],
    [
      'src/index.js',
      '"use strict";\n// libs/core/src/thing.ts\nconst z = require("zod");\nconst fs = require("node:fs");\nrequire("./util");\n',
    ],
    ['src/util.js', 'module.exports = require("path").join(__dirname, "..", "catalog");\n'],
    ['eslint.js', 'const eslint = require("eslint");\nrequire("nx/src/devkit-exports");\n'],
    ['bin/acme.js', '#!/usr/bin/env node\nrequire("../src/index.js");\n'],
    [
      'generators.json',
      JSON.stringify({ generators: { lib: { factory: './src/util', schema: './src/schema.json' } } }),
    ],
    ['src/schema.json', '{}'],
    ['README.md', 'Run `nx g @acme/plugin:lib`. Generated projects are listed in tsconfig.base.json.\n'],
  ]);
}

function inspect(files: Map<string, string>) {
  return inspectPackage(new Map([...files].map(([path, text]) => [path, Buffer.from(text)])), options);
}

function withFile(path: string, content: string | ((before: string) => string)): Map<string, string> {
  const files = cleanPackage();
  files.set(path, typeof content === 'string' ? content : content(files.get(path) ?? ''));
  return files;
}

const messages = (files: Map<string, string>) => inspect(files).map((problem) => `${problem.file}: ${problem.message}`);

describe('inspectPackage', () => {
  it('finds nothing wrong with a self-contained package', () => {
    expect(inspect(cleanPackage())).toEqual([]);
  });

  it('reports an internal library left as a require, every problem coded PAVED-906', () => {
    const problems = inspect(withFile('src/util.js', 'require("@acme/errors");\n'));
    expect(problems).toEqual([
      {
        code: 'PAVED-906',
        file: 'src/util.js',
        message: 'requires "@acme/errors": an internal library left unbundled',
      },
    ]);
  });

  it('reports a require of a package package.json does not declare, and a declared dependency nothing requires', () => {
    expect(messages(withFile('src/index.js', 'require("yaml/dist");\nrequire("./util");\n'))).toEqual([
      'src/index.js: requires "yaml/dist", but package.json declares yaml in neither dependencies nor peerDependencies',
      'package.json: declares the dependency zod, which no file of the package requires',
    ]);
  });

  it('reads a require inside a template literal placeholder as generated text, not a module it loads', () => {
    const files = withFile('src/util.js', (before) => `${before}const text = \`require('\${MODULE}')\`;\n`);
    expect(inspect(files)).toEqual([]);
  });

  it('reports a relative require of a file the package does not contain', () => {
    expect(messages(withFile('src/util.js', 'require("../../../libs/core/errors/src/index.ts");\n'))).toEqual([
      'src/util.js: requires "../../../libs/core/errors/src/index.ts", which the package does not contain',
      'src/util.js:1: refers to "../../../libs/", outside the package',
    ]);
  });

  it('reports an optional peer that a file loads, directly or through what it requires, unless it may', () => {
    const problems = inspect(withFile('src/util.js', 'module.exports = require("../eslint.js");\n'));
    expect(problems.map((problem) => [problem.file, problem.message])).toEqual([
      ['src/index.js', 'loads the optional peer eslint (through eslint.js), so it fails where the host has none'],
      ['src/util.js', 'loads the optional peer eslint (through eslint.js), so it fails where the host has none'],
      ['bin/acme.js', 'loads the optional peer eslint (through eslint.js), so it fails where the host has none'],
    ]);
  });

  it("reports a path of the checkout that built it, but not esbuild's comments naming bundled sources", () => {
    expect(
      messages(withFile('src/util.js', (code) => `${code}const root = "/home/ci/checkout/generators";\n`)),
    ).toEqual(['src/util.js:2: names /home/ci/checkout, a folder of the checkout that built the package']);
  });

  it('reports TypeScript sources, a bin without #!, and package.json or collection fields naming missing files', () => {
    const files = cleanPackage();
    files.set('src/index.ts', 'export {};\n');
    files.set('bin/acme.js', 'require("../src/index.js");\n');
    files.delete('src/schema.json');
    files.set(
      'package.json',
      JSON.stringify({ ...manifest, exports: { ...manifest.exports, './prettier': './prettier.cjs' } }),
    );
    expect(inspect(files).map((problem) => [problem.file, problem.keyPath, problem.message])).toEqual([
      ['src/index.ts', undefined, 'ships TypeScript source'],
      ['package.json', undefined, 'exports["./prettier"] names "./prettier.cjs", which the package does not contain'],
      ['generators.json', 'generators.lib.schema', 'names "./src/schema.json", which the package does not contain'],
      ['bin/acme.js', undefined, 'is a bin without a #! line'],
    ]);
  });

  it('reports a package without package.json', () => {
    const files = cleanPackage();
    files.delete('package.json');
    expect(messages(files)).toEqual(['package.json: the package has no package.json']);
  });
});
