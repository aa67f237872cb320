import { describe, expect, it } from 'vitest';
import { contents, fixtureTree, read, refusal } from '../testing/fixtures';
import { mergeHooksConfig } from './merge-hooks';

const tree = (name: string, extra: Record<string, string> = {}) => fixtureTree(`hooks/${name}`, extra);
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

const codeGlob = '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const dataGlob = '*.{json,md,yml,yaml,css,scss,html}';
const PRETTIER = 'prettier --write --ignore-unknown';
const ESLINT = 'paved lint --fix';

describe('mergeHooksConfig in a workspace without git hooks', () => {
  it('sets up husky 9 + lint-staged with Paved’s tasks and the scan, and the prepare script', () => {
    const workspace = tree('none');
    const result = mergeHooksConfig(workspace);
    expect(result).toMatchObject({ managers: ['husky'], created: true, afterInstall: ['pnpm exec husky'] });
    expect(result.changes).toEqual([
      { path: '.husky/pre-commit', action: 'created' },
      { path: '.lintstagedrc.json', action: 'created' },
      { path: 'package.json', action: 'updated' },
    ]);
    expect(read(workspace, '.husky/pre-commit')).toBe('lint-staged\npaved scan secrets --staged\n');
    expect(json(read(workspace, '.lintstagedrc.json'))).toEqual({
      [codeGlob]: [PRETTIER, ESLINT],
      [dataGlob]: PRETTIER,
    });
    expect(json(read(workspace, 'package.json')).scripts).toEqual({ build: 'nx run-many -t build', prepare: 'husky' });
    // prettier is declared; Nx 22 gets ESLint 9.
    expect(result.devDependencies).toEqual({ husky: '9.1.7', 'lint-staged': '16.4.0', eslint: '^9.39.0' });
  });

  it('appends husky to an existing prepare script with &&', () => {
    const workspace = tree('none-with-prepare');
    const result = mergeHooksConfig(workspace);
    expect(json(read(workspace, 'package.json')).scripts).toEqual({
      prepare: 'nx run-many -t build --projects=tag:prebuilt && husky',
    });
    expect(result.notes).toContain(
      'package.json scripts.prepare: kept "nx run-many -t build --projects=tag:prebuilt" and appended "&& husky", so installs also install the hooks.',
    );
  });

  it('leaves ESLint out of the tasks when asked to', () => {
    const workspace = tree('none');
    mergeHooksConfig(workspace, { eslint: false });
    expect(json(read(workspace, '.lintstagedrc.json'))).toEqual({
      '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,json,md,yml,yaml,css,scss,html}': PRETTIER,
    });
  });

  it('refuses a hand-made core.hooksPath setup, writing nothing', () => {
    const workspace = tree('custom-hooks-path');
    const before = contents(workspace);
    const error = refusal(() => mergeHooksConfig(workspace));
    expect(error.code).toBe('PAVED-707');
    expect(error.problems[0]).toMatchObject({ file: 'package.json', keyPath: 'scripts.postinstall' });
    expect(contents(workspace)).toEqual(before);
  });

  it('refuses when .git/config points core.hooksPath somewhere husky does not', () => {
    const workspace = tree('none', { '.git/config': '[core]\n\tbare = false\n\thooksPath = tools/git-hooks\n' });
    expect(refusal(() => mergeHooksConfig(workspace)).problems[0]).toMatchObject({
      code: 'PAVED-707',
      file: '.git/config',
      keyPath: 'core.hooksPath',
    });
  });

  it('accepts the core.hooksPath husky itself sets', () => {
    const workspace = tree('none', { '.git/config': '[core]\n\thooksPath = .husky/_\n' });
    expect(mergeHooksConfig(workspace).created).toBe(true);
  });
});

describe('mergeHooksConfig joins husky', () => {
  it('husky 9: appends the scan after the team’s lines and fills lint-staged’s gaps', () => {
    const workspace = tree('husky9');
    const result = mergeHooksConfig(workspace);
    expect(result).toMatchObject({ managers: ['husky'], created: false, afterInstall: [] });
    expect(read(workspace, '.husky/pre-commit')).toBe(
      'npx lint-staged\necho "team hook ran" >> .git/team-hook.log\npaved scan secrets --staged\n',
    );
    const pkg = json(read(workspace, 'package.json'));
    expect(pkg['lint-staged']).toEqual({
      // The team's glob keeps its command first; Prettier runs after it, never at the same time.
      '*.{js,ts}': ['eslint --fix', PRETTIER],
      '*.{tsx,mts,cts,jsx,mjs,cjs}': [PRETTIER, ESLINT],
      [dataGlob]: PRETTIER,
    });
    expect(pkg.scripts).toEqual({ prepare: 'husky' });
  });

  it('husky 8: keeps the husky.sh header and runs Paved through the package manager', () => {
    const workspace = tree('husky8');
    const result = mergeHooksConfig(workspace);
    expect(read(workspace, '.husky/pre-commit')).toBe(
      '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpx lint-staged\npnpm exec paved scan secrets --staged\n',
    );
    expect(json(read(workspace, '.lintstagedrc.json'))).toEqual({
      '*.{js,jsx,ts,tsx}': ['eslint --fix', 'prettier --write'],
      '*.{json,md,css}': 'prettier --write',
      '*.{mts,cts,mjs,cjs}': [PRETTIER, ESLINT],
      '*.{yml,yaml,scss,html}': PRETTIER,
    });
    expect(result.changes.map((c) => c.path)).toEqual(['.husky/pre-commit', '.lintstagedrc.json']);
  });

  it('husky 8 + lint-staged 8: tasks under "linters", fixers before `git add`, before a final exit', () => {
    const workspace = tree('husky8-lint-staged8');
    mergeHooksConfig(workspace);
    expect(read(workspace, '.husky/pre-commit')).toBe(
      '#!/bin/sh\n. "$(dirname "$0")/_/husky.sh"\n\nnpx lint-staged\nnpx --no -- paved scan secrets --staged\nexit 0\n',
    );
    expect(json(read(workspace, 'package.json'))['lint-staged']).toEqual({
      linters: {
        '*.{ts,js}': ['prettier --write', ESLINT, 'git add'],
        '*.{tsx,mts,cts,jsx,mjs,cjs}': [PRETTIER, ESLINT, 'git add'],
        [dataGlob]: [PRETTIER, 'git add'],
      },
      ignore: ['dist/**'],
    });
  });

  it('husky 4: joins the pre-commit command in package.json with &&', () => {
    const workspace = tree('husky4');
    const result = mergeHooksConfig(workspace);
    expect(result.managers).toEqual(['husky-4']);
    expect(json(read(workspace, 'package.json')).husky).toEqual({
      hooks: {
        'pre-commit': 'lint-staged && paved scan secrets --staged',
        'commit-msg': 'commitlint -E HUSKY_GIT_PARAMS',
      },
    });
    expect(json(read(workspace, '.lintstagedrc'))['*.ts']).toEqual(['tslint --fix', PRETTIER, ESLINT]);
  });

  it('creates the pre-commit hook when .husky holds only other hooks, in their style', () => {
    const workspace = tree('husky8');
    workspace.delete('.husky/pre-commit');
    mergeHooksConfig(workspace);
    expect(read(workspace, '.husky/pre-commit')).toBe(
      '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\npnpm exec lint-staged\npnpm exec paved scan secrets --staged\n',
    );
  });

  it('refuses a hook that is not a shell script, writing nothing', () => {
    const workspace = tree('hook-node');
    const before = contents(workspace);
    const error = refusal(() => mergeHooksConfig(workspace));
    expect(error.problems[0]).toMatchObject({ code: 'PAVED-706', file: '.husky/pre-commit', keyPath: 'line 1' });
    expect(contents(workspace)).toEqual(before);
  });

  it('changes nothing in a workspace already set up the way Paved sets itself up, and says what it left', () => {
    const workspace = tree('paved-shape');
    const result = mergeHooksConfig(workspace);
    expect(result.changes).toEqual([]);
    expect(result.notes.join('\n')).toContain(`${PRETTIER} for *.{jsx,scss}`);
  });
});

describe('mergeHooksConfig joins simple-git-hooks', () => {
  it('package.json: appends with && and asks for simple-git-hooks to be run again', () => {
    const workspace = tree('simple-git-hooks');
    const result = mergeHooksConfig(workspace);
    expect(result).toMatchObject({ managers: ['simple-git-hooks'], afterInstall: ['yarn simple-git-hooks'] });
    const pkg = json(read(workspace, 'package.json'));
    expect(pkg['simple-git-hooks']).toEqual({
      'pre-commit': 'npx lint-staged && yarn paved scan secrets --staged',
      'commit-msg': 'npx --no -- commitlint --edit $1',
    });
    // One catch-all glob: ESLint joins its commands rather than racing them.
    expect(pkg['lint-staged']).toEqual({ '*': [PRETTIER, ESLINT] });
  });

  it('JavaScript configs: edits the object literals in place, keeping comments and functions', () => {
    const workspace = tree('simple-git-hooks-js');
    mergeHooksConfig(workspace);
    expect(read(workspace, '.simple-git-hooks.cjs')).toBe(
      [
        'module.exports = {',
        "  'pre-commit': 'npx lint-staged && npx --no -- paved scan secrets --staged',",
        "  'pre-push': 'npx nx affected -t test',",
        '};',
        '',
      ].join('\n'),
    );
    expect(read(workspace, 'lint-staged.config.mjs')).toBe(
      [
        "/** @type {import('lint-staged').Configuration} */",
        'export default {',
        '  // Type-aware rules need the whole project, so ESLint gets the file list.',
        `  '*.{js,ts}': [(files) => \`eslint --max-warnings=0 \${files.join(' ')}\`, '${PRETTIER}'],`,
        `  '*.{tsx,mts,cts,jsx,mjs,cjs}': ['${PRETTIER}', '${ESLINT}'],`,
        `  '${dataGlob}': '${PRETTIER}',`,
        '};',
        '',
      ].join('\n'),
    );
  });
});

describe('mergeHooksConfig joins lefthook', () => {
  it('adds Paved’s fixers as lefthook commands of their own, keeping comments, and warns about parallel', () => {
    const workspace = tree('lefthook');
    const result = mergeHooksConfig(workspace);
    expect(read(workspace, 'lefthook.yml')).toBe(
      [
        '# Refer for explanation to following link:',
        '# https://lefthook.dev/configuration/',
        'pre-commit:',
        '  parallel: true',
        '  commands:',
        '    lint:',
        '      glob: "*.{js,ts,jsx,tsx}"',
        '      run: pnpm eslint --fix {staged_files}',
        '      stage_fixed: true',
        '    paved-format:',
        '      glob: "*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,json,md,yml,yaml,css,scss,html}"',
        `      run: pnpm exec ${PRETTIER} {staged_files}`,
        '      stage_fixed: true',
        '    paved-secrets:',
        '      run: pnpm exec paved scan secrets --staged',
        '',
        'pre-push:',
        '  commands:',
        '    test:',
        '      run: pnpm nx affected -t test',
        '',
      ].join('\n'),
    );
    expect(result.notes.join('\n')).toContain('lefthook runs pre-commit in parallel');
  });

  it('a jobs list that runs lint-staged: the scan becomes a job, the fixers go to lint-staged', () => {
    const workspace = tree('lefthook-jobs');
    mergeHooksConfig(workspace);
    expect(read(workspace, 'lefthook.yml')).toBe(
      [
        'pre-commit:',
        '  jobs:',
        '    - name: lint-staged',
        '      run: npx lint-staged # formats and lints what is staged',
        '    - name: paved-secrets',
        '      run: npx --no -- paved scan secrets --staged',
        '',
      ].join('\n'),
    );
    expect(read(workspace, '.lintstagedrc.yaml')).toBe(
      [
        '# Fix what can be fixed before it is committed.',
        '"*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}":',
        '  - eslint --fix',
        '  - prettier --write',
        `"${dataGlob}": ${PRETTIER}`,
        '',
      ].join('\n'),
    );
  });

  it('lefthook.json: adds only what its commands lack', () => {
    const workspace = tree('lefthook-json');
    mergeHooksConfig(workspace);
    const commands = (json(read(workspace, 'lefthook.json'))['pre-commit'] as { commands: object }).commands;
    expect(Object.keys(commands)).toEqual(['format', 'paved-lint', 'paved-secrets']);
    expect(commands).toMatchObject({
      'paved-lint': { glob: codeGlob, run: `npx --no -- ${ESLINT} {staged_files}`, stage_fixed: true },
      'paved-secrets': { run: 'npx --no -- paved scan secrets --staged' },
    });
  });
});

describe('mergeHooksConfig is idempotent', () => {
  it.each([
    'none',
    'none-with-prepare',
    'husky9',
    'husky8',
    'husky8-lint-staged8',
    'husky4',
    'simple-git-hooks',
    'simple-git-hooks-js',
    'lefthook',
    'lefthook-jobs',
    'lefthook-json',
  ])('%s: a second run changes nothing and adds no second copy of Paved’s steps', (name) => {
    const workspace = tree(name);
    const first = mergeHooksConfig(workspace);
    expect(first.changes.length).toBeGreaterThan(0);
    const after = contents(workspace);
    const second = mergeHooksConfig(workspace);
    expect(second.changes).toEqual([]);
    expect(second.devDependencies).toEqual(first.devDependencies);
    expect(contents(workspace)).toEqual(after);
    const everything = Object.values(after).join('\n');
    expect(everything.split('paved scan secrets --staged').length - 1).toBe(1);
  });
});

describe('mergeHooksConfig refusals write nothing', () => {
  it.each([
    ['lint-staged-function', 'PAVED-705', 'lint-staged.config.js', 'the exported config is a function'],
    ['lint-staged-spread', 'PAVED-705', '.lintstagedrc.mjs', 'spread'],
    ['lefthook-toml', 'PAVED-706', 'lefthook.toml', 'TOML'],
    ['bad-json', 'PAVED-704', '.lintstagedrc.json', 'not valid JSON'],
  ])('%s', (name, code, file, message) => {
    const workspace = tree(name);
    const before = contents(workspace);
    const error = refusal(() => mergeHooksConfig(workspace));
    expect(error.problems[0]).toMatchObject({ code, file });
    expect(error.message).toContain(message);
    expect(contents(workspace)).toEqual(before);
  });
});
