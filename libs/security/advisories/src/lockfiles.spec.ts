import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPnpmLockfile } from './lockfile';
import { findLockfile, lockfileAt, readLockfile, type WorkspaceLockfile } from './lockfiles';
import { readNpmLockedPackages, readNpmLockfile } from './npm-lockfile';
import { findVulnerabilities } from './scan';
import { AdvisorySnapshot } from './snapshot';

// One workspace (root, apps/api, libs/lib), locked by real npm 11, pnpm 8 (lockfile v6) and pnpm 10 (v9): fixtures/README.md.
const workspaces = join(__dirname, '..', 'fixtures', 'workspaces');
const read = (path: string) => readFileSync(join(workspaces, path), 'utf-8');
const locked = {
  npm: readNpmLockfile(read('npm/package-lock.json')),
  'pnpm v6': readPnpmLockfile(read('pnpm8/pnpm-lock.yaml')),
  'pnpm v9': readPnpmLockfile(read('pnpm10/pnpm-lock.yaml')),
};
const ids = (installed: { name: string; version: string }[]) => installed.map((p) => `${p.name}@${p.version}`);
const pathsOf = (installed: { name: string; paths: string[] }[], name: string) =>
  installed.filter((p) => p.name === name).flatMap((p) => p.paths);

describe('lockfile readers on the same workspace locked by npm, pnpm 8 and pnpm 10', () => {
  it('lists every installed package, transitive ones too, and no workspace package', () => {
    // pnpm 8 and 10 resolved the same versions; npm deduplicated http-errors@~1.7.2 onto 1.7.2 (so no 1.7.3, no inherits@2.0.4).
    expect(ids(locked['pnpm v6'])).toEqual(ids(locked['pnpm v9']));
    expect(ids(locked['pnpm v9']).filter((id) => !ids(locked.npm).includes(id))).toEqual([
      'http-errors@1.7.3',
      'inherits@2.0.4',
    ]);
    expect(ids(locked.npm).every((id) => ids(locked['pnpm v9']).includes(id))).toBe(true);
    // npm's reader reaches every package its lockfile has, each from some importer.
    const npmIds = new Set(readNpmLockedPackages(read('npm/package-lock.json')).map((p) => `${p.name}@${p.version}`));
    expect(new Set(ids(locked.npm))).toEqual(npmIds);
    for (const installed of Object.values(locked)) {
      expect(installed.every((p) => p.paths.length > 0)).toBe(true);
      expect(ids(installed)).toEqual(expect.arrayContaining(['ms@2.0.0', 'ms@2.1.1', 'body-parser@1.19.0']));
      expect(ids(installed).some((id) => id.startsWith('@acme/'))).toBe(false);
    }
  });

  it.each(Object.entries(locked))(
    '%s gives each package its path from every importer that brings it in',
    (_, installed) => {
      expect(pathsOf(installed, 'minimist')).toEqual(['apps/api > minimist@1.2.5']);
      expect(pathsOf(installed, 'lodash')).toEqual(['. > lodash@4.17.21']);
      // Peers are not part of the version (pnpm writes react-dom@18.2.0(react@18.2.0)).
      expect(pathsOf(installed, 'react-dom')).toEqual(['apps/api > react-dom@18.2.0']);
      expect(pathsOf(installed, 'body-parser')).toEqual([
        '. > express@4.17.0 > body-parser@1.19.0',
        'libs/lib > express@4.17.0 > body-parser@1.19.0',
      ]);
    },
  );

  it('finds the same vulnerabilities in all three', () => {
    const snapshot = AdvisorySnapshot.fromDirectory(join(__dirname, '..', 'fixtures', 'npm'));
    const found = Object.values(locked).map((installed) =>
      findVulnerabilities(installed, snapshot).map((v) => `${v.advisory} ${v.package}@${v.version} ${v.paths[0]}`),
    );
    expect(found[0]).toContain('GHSA-xvch-5gv4-984h minimist@1.2.5 apps/api > minimist@1.2.5');
    expect(found[1]).toEqual(found[0]);
    expect(found[2]).toEqual(found[0]);
  });

  it('reads a v6 lockfile of a single project, whose dependencies sit at the top level', () => {
    const installed = readPnpmLockfile(read('pnpm8-single/pnpm-lock.yaml'));
    expect(installed).toEqual([
      { name: 'debug', version: '2.6.9', paths: ['. > debug@2.6.9'] },
      { name: 'minimist', version: '1.2.5', paths: ['. > minimist@1.2.5'] },
      { name: 'ms', version: '2.0.0', paths: ['. > debug@2.6.9 > ms@2.0.0'] },
    ]);
  });

  it('lists where npm put each package and whether only development needs it', () => {
    const packages = readNpmLockedPackages(read('npm/package-lock.json'));
    expect(packages).toContainEqual({
      location: 'node_modules/lodash',
      name: 'lodash',
      version: '4.17.21',
      dev: true,
      license: 'MIT',
    });
    expect(packages.find((p) => p.location.endsWith('/node_modules/ms'))).toMatchObject({ name: 'ms', dev: false });
    expect(packages.some((p) => p.location === 'apps/api' || p.location.includes('@acme'))).toBe(false);
  });

  it.each([
    ['a folder', (path: string) => mkdirSync(path), /is a folder/],
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path]), /not a regular file/],
    ['a link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path), /not a regular file/],
  ])('refuses a lockfile that is %s with PAVED-503, without reading it', (_what, make, reason) => {
    const root = mkdtempSync(join(tmpdir(), 'paved-lock-'));
    make(join(root, 'pnpm-lock.yaml'));
    const lockfile = findLockfile(root);
    expect(lockfile?.file).toBe('pnpm-lock.yaml');
    expect(() => readLockfile(root, lockfile as WorkspaceLockfile)).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({
            code: 'PAVED-503',
            file: 'pnpm-lock.yaml',
            message: expect.stringMatching(reason),
          }),
        ],
      }),
    );
  });

  it('refuses lockfiles of older package managers and broken ones with PAVED-503, naming the file', () => {
    expect(() => readNpmLockfile('{"lockfileVersion": 1, "dependencies": {}}', 'old-lock.json')).toThrow(
      /^PAVED-503 old-lock\.json: unsupported lockfile version 1 .*npm 7 or later/,
    );
    expect(() => readNpmLockfile('{', 'broken.json')).toThrow(/^PAVED-503 broken\.json: not valid JSON/);
    expect(() => readPnpmLockfile("lockfileVersion: '5.4'\n", 'old.yaml')).toThrow(
      /^PAVED-503 old\.yaml: unsupported lockfile version 5\.4/,
    );
    expect(() => readPnpmLockfile('importers: [', 'broken.yaml')).toThrow(/^PAVED-503 broken\.yaml: not valid YAML/);
  });

  it.each([
    ['importers: hello', 'importers'],
    ['importers:\n  .: 5', 'importers["."]'],
    ['importers:\n  .:\n    dependencies: [a, b]', 'importers["."].dependencies'],
    ['importers:\n  .:\n    dependencies:\n      a: null', 'importers["."].dependencies.a'],
    ['importers:\n  .:\n    dependencies:\n      a: 5', 'importers["."].dependencies.a'],
    ['dependencies: [a, b]', 'dependencies'],
    ['snapshots:\n  a@1.0.0:\n    dependencies: 7', 'snapshots["a@1.0.0"].dependencies'],
    ['snapshots: 3', 'snapshots'],
  ])('refuses a pnpm lockfile it cannot read (%j) with PAVED-503 at %s, never passing', (body, keyPath) => {
    const text = `lockfileVersion: '9.0'\n${body}\n`;
    expect(() => readPnpmLockfile(text, 'pnpm-lock.yaml')).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ code: 'PAVED-503', keyPath })] }),
    );
  });

  it.each([
    ['{"lockfileVersion": 3, "packages": {"node_modules/a": null}}', 'packages.node_modules/a'],
    ['{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": 1}}}', 'packages.node_modules/a.version'],
    ['{"lockfileVersion": 3, "packages": {"": {"dependencies": ["a"]}}}', 'packages[""].dependencies'],
  ])('refuses an npm lockfile it cannot read (%s) with PAVED-503 at %s', (text, keyPath) => {
    for (const read of [readNpmLockfile, readNpmLockedPackages]) {
      expect(() => read(text, 'package-lock.json')).toThrow(
        expect.objectContaining({ problems: [expect.objectContaining({ code: 'PAVED-503', keyPath })] }),
      );
    }
  });

  it('still reads a snapshot entry that is null (a package with no dependencies)', () => {
    const text =
      "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a:\n        specifier: 1.0.0\n        version: 1.0.0\nsnapshots:\n  a@1.0.0: {}\n";
    expect(readPnpmLockfile(text).map((p) => `${p.name}@${p.version}`)).toEqual(['a@1.0.0']);
  });
});

describe('findLockfile', () => {
  const workspace = (files: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), 'paved-lockfile-'));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
    return root;
  };

  it('takes the lockfile of the pinned package manager, else the first in Nx order, else none', () => {
    const both = {
      'pnpm-lock.yaml': read('pnpm10/pnpm-lock.yaml'),
      'package-lock.json': read('npm/package-lock.json'),
    };
    expect(findLockfile(workspace({ ...both, 'package.json': '{"packageManager": "npm@11.1.0"}' }))).toEqual({
      file: 'package-lock.json',
      packageManager: 'npm',
      supported: true,
    });
    expect(findLockfile(workspace({ ...both, 'package.json': '{}' }))?.file).toBe('pnpm-lock.yaml');
    expect(findLockfile(workspace({ 'package.json': '{}' }))).toBeUndefined();
  });

  it('reads what it finds, and says clearly that yarn is not supported yet', () => {
    const npm = workspace({ 'package-lock.json': read('npm/package-lock.json') });
    const npmLockfile = findLockfile(npm) as WorkspaceLockfile;
    expect(ids(readLockfile(npm, npmLockfile))).toEqual(ids(locked.npm));
    const yarn = workspace({ 'yarn.lock': '# yarn lockfile v1\n' });
    const found = findLockfile(yarn) as WorkspaceLockfile;
    expect(found).toEqual({ file: 'yarn.lock', packageManager: 'yarn', supported: false });
    expect(() => readLockfile(yarn, found)).toThrow(/^PAVED-504 yarn\.lock: yarn lockfiles are not supported yet/);
  });

  it('tells a lockfile by its name, or by its content under another name', () => {
    const root = workspace({ 'deps.lock': read('npm/package-lock.json'), 'deps.yaml': read('pnpm8/pnpm-lock.yaml') });
    expect(lockfileAt(join(root, 'deps.lock')).packageManager).toBe('npm');
    expect(lockfileAt(join(root, 'deps.yaml')).packageManager).toBe('pnpm');
    expect(lockfileAt('/x/yarn.lock').supported).toBe(false);
  });
});
