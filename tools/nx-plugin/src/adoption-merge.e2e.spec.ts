/**
 * End to end with real binaries: Paved merged into a team's own ESLint config and git hooks in
 * scratch Nx workspaces, then the real ESLint CLI (the boundary rule on Nx's project graph) and
 * real git commits through husky and lint-staged. The merges run on Nx's FsTree, as the init
 * generator runs them. Slow (run by the `e2e` target).
 */
import { mergeEslintConfig, mergeHooksConfig } from '@paved/config-merge';
import { ScratchWorkspace, type RunResult } from '@paved/scratch';
import { FsTree, flushChanges } from 'nx/src/generators/tree';
import { randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..', '..');
const fixtures = join(repoRoot, 'libs', 'adoption', 'config-merge', 'fixtures');
// The two ESLint majors hosts run: 10 (this repository's) and 9 (installed as eslint-v9).
const eslintBins = {
  10: join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js'),
  9: join(repoRoot, 'node_modules', 'eslint-v9', 'bin', 'eslint.js'),
};
const workspaces: ScratchWorkspace[] = [];
const scratchDirs: string[] = [];
afterAll(() => {
  if (process.env.PAVED_KEEP_SCRATCH) return;
  workspaces.forEach((ws) => ws.dispose());
  scratchDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function scratch(): ScratchWorkspace {
  const ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
  workspaces.push(ws);
  return ws;
}

function fixture(path: string): string {
  return readFileSync(join(fixtures, `${path}.txt`), 'utf-8');
}

/** Runs a merge the way a generator does: on Nx's tree over the folder, then flushed to disk. */
function onDisk<T>(ws: ScratchWorkspace, merge: (tree: FsTree) => T): T {
  const tree = new FsTree(ws.root, false);
  const result = merge(tree);
  flushChanges(ws.root, tree.listChanges());
  return result;
}

function ok(result: RunResult): RunResult {
  expect(result.status, `${result.command}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

// A fake AWS key id, random per run: never issued, never committed to this repository.
const fakeKeyId = () =>
  `AKIA${Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[randomInt(32)]).join('')}`;

describe("Paved's ESLint presets merged into a team's flat config, linted by the real ESLint", () => {
  let ws: ScratchWorkspace;

  beforeAll(() => {
    ws = scratch();
    // Two projects in different scopes, and a team config whose own boundary rule allows anything.
    ws.write(
      'libs/shop/cart/project.json',
      JSON.stringify({ name: 'cart', sourceRoot: 'libs/shop/cart/src', tags: ['scope:shop', 'type:feature'] }),
    );
    ws.write(
      'libs/shop/cart/src/index.ts',
      [
        "import { invoice } from '@acme/invoices';",
        '',
        'export function checkout(code: string): string {',
        '  console.log(code);',
        '  return String(eval(code)) + invoice();',
        '}',
        '',
      ].join('\n'),
    );
    ws.write(
      'libs/billing/invoices/project.json',
      JSON.stringify({
        name: 'invoices',
        sourceRoot: 'libs/billing/invoices/src',
        tags: ['scope:billing', 'type:feature'],
      }),
    );
    ws.write('libs/billing/invoices/src/index.ts', "export const invoice = (): string => 'INV-1';\n");
    const tsconfig = JSON.parse(ws.read('tsconfig.base.json'));
    tsconfig.compilerOptions.paths = { '@acme/invoices': ['libs/billing/invoices/src/index.ts'] };
    ws.write('tsconfig.base.json', JSON.stringify(tsconfig, null, 2));
    rmSync(ws.path('eslint.config.ts'));
    ws.commitAll('two projects, no ESLint config yet');
    // The boundary rule reads the project graph Nx caches; ESLint run on its own does not build one.
    ok(ws.nx(['show', 'projects']));
  });

  /**
   * The rule ids and lines ESLint reports for the cart. Node loads the team's .mjs/.cjs config
   * natively, so tsx lets it import @paved/nx/eslint from this repository's TypeScript sources
   * (the shipped package is JavaScript).
   */
  function lintCart(eslint: keyof typeof eslintBins): Array<[string | null, number]> {
    const report = ws.path('eslint-report.json');
    const args = [
      '--import',
      'tsx',
      eslintBins[eslint],
      '--format',
      'json',
      '--output-file',
      report,
      'libs/shop/cart/src/index.ts',
    ];
    const result = ws.run(process.execPath, args);
    expect(result.stderr).not.toMatch(/Error|Oops/);
    const [file] = JSON.parse(readFileSync(report, 'utf-8')) as {
      messages: { ruleId: string | null; line: number }[];
    }[];
    rmSync(report);
    expect(file.messages.filter((m) => m.ruleId === null)).toEqual([]);
    return file.messages.map((m) => [m.ruleId, m.line]);
  }

  it.each([
    ['nx-esm', 'eslint.config.mjs', 10],
    ['nx-esm', 'eslint.config.mjs', 9],
    ['nx-cjs', 'eslint.config.cjs', 10],
    ['flat-compat', 'eslint.config.js', 10],
    ['flat-compat', 'eslint.config.js', 9],
    ['tseslint', 'eslint.config.mjs', 10],
    ['define-config-ts', 'eslint.config.ts', 10],
    ['define-config-ts', 'eslint.config.ts', 9],
  ] as const)(
    "%s (%s) on ESLint %s: the team's no-console still fires, and Paved's boundary and security rules fire too",
    (form, file, eslint) => {
      for (const existing of readdirSync(ws.root).filter((name) => name.startsWith('eslint.config.'))) {
        rmSync(ws.path(existing));
      }
      ws.write(file, fixture(`eslint/${form}/${file}`));

      // Before the merge: only the team's rule (its own boundary constraint allows anything).
      expect(lintCart(eslint).map(([rule]) => rule)).toEqual(['no-console']);

      const result = onDisk(ws, (tree) => mergeEslintConfig(tree));
      expect(result.changes).toEqual([{ path: file, action: 'updated' }]);
      expect(lintCart(eslint)).toEqual(
        expect.arrayContaining([
          ['@nx/enforce-module-boundaries', 1],
          ['no-console', 4],
          ['no-eval', 5],
        ]),
      );
      expect(onDisk(ws, (tree) => mergeEslintConfig(tree)).changes).toEqual([]);
    },
  );
});

describe("Paved's pre-commit steps joined to a team's husky hook, run by real git commits", () => {
  let home: string;
  let shims: string;

  beforeAll(() => {
    // A HOME of its own, to show husky touches only the repository's git config; and `paved` on
    // PATH as the @paved/nx package's bin would be, running this repository's CLI.
    home = mkdtempSync(join(tmpdir(), 'paved-home-'));
    shims = mkdtempSync(join(tmpdir(), 'paved-bin-'));
    scratchDirs.push(home, shims);
    writeFileSync(
      join(shims, 'paved'),
      `#!/bin/sh\nexec node ${join(repoRoot, 'tools', 'cli', 'bin', 'paved.mjs')} "$@"\n`,
    );
    chmodSync(join(shims, 'paved'), 0o755);
  });

  const env = (ws: ScratchWorkspace) => ({
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    PATH: `${ws.path('node_modules/.bin')}:${shims}:${process.env.PATH ?? ''}`,
  });

  /** A workspace as a team has it: its own hooks instead of the scratch workspace's Paved ones. */
  function teamWorkspace(files: Record<string, string>): ScratchWorkspace {
    const ws = scratch();
    rmSync(ws.path('.husky'), { recursive: true, force: true });
    rmSync(ws.path('.lintstagedrc.json'));
    const pkg = JSON.parse(ws.read('package.json'));
    for (const [path, content] of Object.entries(files)) {
      if (path === 'package.json') Object.assign(pkg, JSON.parse(content));
      else ws.write(path, content);
    }
    ws.write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
    ws.commitAll('the team setup');
    return ws;
  }

  /** What `npm install` runs after init added the devDependencies: the prepare script. */
  function install(ws: ScratchWorkspace): void {
    ok(ws.run('npm', ['run', 'prepare'], env(ws)));
  }

  function commit(ws: ScratchWorkspace, message: string): RunResult {
    return ws.run('git', ['commit', '-m', message], env(ws));
  }

  function expectCommitsThroughPavedAndTeamSteps(ws: ScratchWorkspace, teamMarker?: string): void {
    // A badly formatted file: Paved's Prettier step rewrites what is committed.
    ws.write('libs/shop/cart/src/total.ts', 'export const total   =  (a:number,b:number)=>a+b\n');
    ws.git('add', '.');
    const clean = commit(ws, 'total');
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    expect(ws.git('show', 'HEAD:libs/shop/cart/src/total.ts')).toBe(
      'export const total = (a: number, b: number) => a + b;\n',
    );
    if (teamMarker) expect(ws.read(teamMarker)).toBe('team hook ran\n');

    // Paved's secret scan, once per commit, refuses a staged key.
    const head = ws.git('rev-parse', 'HEAD');
    ws.write('libs/shop/cart/src/config.ts', `export const deployKeyId = '${fakeKeyId()}';\n`);
    ws.git('add', '.');
    const refused = commit(ws, 'config');
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('paved/aws-access-key-id');
    expect(ws.git('rev-parse', 'HEAD')).toBe(head);
    ws.git('reset', '-q', 'HEAD', '--', 'libs/shop/cart/src/config.ts');
    rmSync(ws.path('libs/shop/cart/src/config.ts'));

    // husky set the repository's hooks path, never the global one.
    expect(ws.git('config', '--local', 'core.hooksPath').trim()).toBe('.husky/_');
    expect(ws.run('git', ['config', '--global', 'core.hooksPath'], env(ws)).stdout).toBe('');
  }

  it("husky 9 with a team line and lint-staged tasks: both the team's line and Paved's steps run", () => {
    const ws = teamWorkspace({
      'package.json': JSON.stringify({ scripts: { prepare: 'husky' }, 'lint-staged': { '*.ts': 'eslint --fix' } }),
      '.husky/pre-commit': 'npx lint-staged\necho "team hook ran" > .git/team-hook.log\n',
    });
    const result = onDisk(ws, (tree) => mergeHooksConfig(tree, { packageManager: 'npm' }));
    expect(result.managers).toEqual(['husky']);
    expect(ws.read('.husky/pre-commit')).toBe(
      'npx lint-staged\necho "team hook ran" > .git/team-hook.log\npaved scan secrets --staged\n',
    );
    ws.commitAll('Paved joined the hooks');
    install(ws);
    expectCommitsThroughPavedAndTeamSteps(ws, '.git/team-hook.log');
    expect(onDisk(ws, (tree) => mergeHooksConfig(tree, { packageManager: 'npm' })).changes).toEqual([]);
    expect(ws.git('status', '--porcelain')).toBe('');
  });

  it('no hook manager: husky + lint-staged set up from nothing run Prettier, ESLint and the scan', () => {
    const ws = teamWorkspace({});
    const result = onDisk(ws, (tree) => mergeHooksConfig(tree, { packageManager: 'npm' }));
    expect(result).toMatchObject({ managers: ['husky'], created: true, afterInstall: ['npx --no -- husky'] });
    expect(JSON.parse(ws.read('package.json')).scripts.prepare).toBe('husky');
    ws.commitAll('Paved set the hooks up');
    install(ws);
    expect(existsSync(ws.path('.husky/_/pre-commit'))).toBe(true);
    expectCommitsThroughPavedAndTeamSteps(ws);
    expect(onDisk(ws, (tree) => mergeHooksConfig(tree, { packageManager: 'npm' })).changes).toEqual([]);
    expect(ws.git('status', '--porcelain')).toBe('');
  });
});
