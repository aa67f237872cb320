import { scratchRepository, type ScratchRepository } from '@paved/scratch-repo';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { checkChangesets, packagesOfChangeset, renderGate } from './ci-changesets';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const repos: ScratchRepository[] = [];
afterAll(() => repos.forEach((repo) => rmSync(repo.root, { recursive: true, force: true })));

function write(repo: ScratchRepository, file: string, content: string): void {
  mkdirSync(dirname(join(repo.root, file)), { recursive: true });
  writeFileSync(join(repo.root, file), content);
}

describe('the changeset gate', () => {
  let repo: ScratchRepository;
  let base: string;
  const gate = () => checkChangesets({ root: repo.root, base, head: 'HEAD' });

  beforeEach(() => {
    repo = scratchRepository({ prefix: 'changesets' });
    repos.push(repo);
    write(repo, 'package.json', JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*'] }));
    write(repo, 'pnpm-workspace.yaml', 'packages:\n  - packages/*\n');
    write(repo, '.changeset/config.json', JSON.stringify({ baseBranch: 'main', ignore: ['@acme/sandbox'] }));
    write(repo, '.changeset/README.md', '# Changesets\n');
    write(repo, 'packages/ui/package.json', JSON.stringify({ name: '@acme/ui', version: '1.0.0' }));
    write(repo, 'packages/ui/src/index.ts', 'export const ui = 1;\n');
    write(repo, 'packages/api/package.json', JSON.stringify({ name: '@acme/api', version: '1.0.0' }));
    write(repo, 'packages/api/src/index.ts', 'export const api = 1;\n');
    write(repo, 'packages/internal/package.json', JSON.stringify({ name: '@acme/internal', private: true }));
    write(repo, 'packages/internal/src/index.ts', 'export const internal = 1;\n');
    write(repo, 'packages/sandbox/package.json', JSON.stringify({ name: '@acme/sandbox', version: '0.0.1' }));
    write(repo, 'packages/sandbox/src/index.ts', 'export const sandbox = 1;\n');
    write(repo, 'packages/docs/package.json', JSON.stringify({ name: '@acme/docs', version: '1.0.0' }));
    write(repo, 'packages/docs/index.js', 'module.exports = 1;\n');
    repo.commitAll('packages');
    base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '-b', 'topic');
  });

  it('fails a change to a publishable package without a changeset, naming the package and the files', () => {
    write(repo, 'packages/ui/src/index.ts', 'export const ui = 2;\n');
    write(repo, 'packages/api/src/index.ts', 'export const api = 2;\n');
    repo.commitAll('change ui and api');
    const result = gate();
    expect(result.uncovered.map((entry) => entry.name)).toEqual(['@acme/api', '@acme/ui']);
    expect(result.uncovered[1]).toEqual({
      name: '@acme/ui',
      folder: 'packages/ui',
      files: ['packages/ui/src/index.ts'],
    });
    const text = renderGate(result);
    expect(text).toContain('2 publishable package(s) changed without a changeset');
    expect(text).toContain('@acme/ui (packages/ui): packages/ui/src/index.ts');
    expect(text).toContain('pnpm changeset add --empty');
  });

  it('judges tests and docs inside the package: a package called docs ships its files', () => {
    write(repo, 'packages/docs/index.js', 'module.exports = 2;\n');
    write(repo, 'packages/docs/docs/guide.md', '# guide\n');
    repo.commitAll('change the docs package');
    expect(gate().uncovered).toEqual([
      { name: '@acme/docs', folder: 'packages/docs', files: ['packages/docs/index.js'] },
    ]);
  });

  it('passes when a changeset names each changed package, and fails the one it leaves out', () => {
    write(repo, 'packages/ui/src/index.ts', 'export const ui = 2;\n');
    write(repo, 'packages/api/src/index.ts', 'export const api = 2;\n');
    write(repo, '.changeset/brave-cats.md', "---\n'@acme/ui': minor\n---\n\nA bigger ui.\n");
    repo.commitAll('change ui and api, changeset for ui');
    expect(gate().uncovered.map((entry) => entry.name)).toEqual(['@acme/api']);
    write(repo, '.changeset/calm-dogs.md', '---\n"@acme/api": patch\n---\n\nFix api.\n');
    repo.commitAll('changeset for api');
    expect(gate()).toMatchObject({ uncovered: [], changed: ['@acme/api', '@acme/ui'] });
    expect(renderGate(gate())).toContain('every changed package has a changeset');
  });

  it('needs nothing for tests, docs, private packages and packages changesets ignores', () => {
    write(repo, 'packages/ui/src/index.spec.ts', 'test();\n');
    write(repo, 'packages/ui/README.md', '# ui\n');
    write(repo, 'packages/api/docs/guide.txt', 'how\n');
    write(repo, 'packages/internal/src/index.ts', 'export const internal = 2;\n');
    write(repo, 'packages/sandbox/src/index.ts', 'export const sandbox = 2;\n');
    write(repo, 'README.md', '# acme\n');
    repo.commitAll('tests, docs, private and ignored packages');
    expect(gate()).toEqual({ changesets: [], empty: false, changed: [], uncovered: [] });
    expect(renderGate(gate())).toContain('no publishable package changes');
  });

  it('passes an empty changeset written by the real `changeset add --empty`', () => {
    write(repo, 'packages/ui/src/index.ts', 'export const ui = 3;\n');
    repo.commitAll('change ui');
    expect(gate().uncovered).toHaveLength(1);
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'changeset'), ['add', '--empty'], {
      cwd: repo.root,
      stdio: 'pipe',
    });
    const added = readdirSync(join(repo.root, '.changeset')).filter(
      (name) => !['README.md', 'config.json'].includes(name),
    );
    expect(added).toHaveLength(1);
    repo.commitAll('empty changeset');
    expect(gate()).toMatchObject({ empty: true, uncovered: [], changed: ['@acme/ui'] });
    expect(renderGate(gate())).toContain('an empty changeset says no release is needed');
  });

  it('reads the packages of a changeset`s front matter, quoted or not', () => {
    expect(packagesOfChangeset('---\n"@a/b": major\n\'c\': none\nd: patch\n---\nbody: minor\n')).toEqual([
      '@a/b',
      'c',
      'd',
    ]);
    expect(packagesOfChangeset('---\n---\n')).toEqual([]);
    expect(packagesOfChangeset('no front matter')).toEqual([]);
  });
});
