/**
 * End to end, with real binaries: nx generates, lints, type-checks, tests and
 * builds in a scratch git workspace; git commits run the husky hook; changesets
 * versions a publishable package. Slow by nature (tagged by its file name and
 * run by the `e2e` target).
 */
import { ScratchWorkspace, type RunResult } from '@paved/scratch';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..', '..', '..', '..');
let ws: ScratchWorkspace;

function ok(result: RunResult): RunResult {
  expect(result.status, `${result.command}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
}

const generate = (...args: string[]): RunResult => ws.generateProject(...args);

beforeAll(() => {
  ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
  ws.commitAll('empty workspace');
});
afterAll(() => {
  if (!process.env.PAVED_KEEP_SCRATCH) ws?.dispose();
});

describe('nx g @paved/nx:project with the real nx binary', () => {
  it('creates a ts-lib and a node-service where the layout says', () => {
    ok(generate('--kind', 'ts-lib', '--name', 'money', '--scope', 'shared', '--type', 'util'));
    ok(
      generate(
        '--kind',
        'ts-lib',
        '--name',
        'cart',
        '--scope',
        'shop',
        '--type',
        'feature',
        '--owners',
        '@acme/cart-crew',
      ),
    );
    ok(generate('--kind', 'ts-lib', '--name', 'invoices', '--scope', 'billing', '--type', 'feature'));
    ok(generate('--kind', 'ts-lib', '--name', 'pricing', '--scope', 'shop', '--type', 'util'));
    ok(generate('--kind', 'node-service', '--name', 'shop-api', '--scope', 'shop'));
    const project = JSON.parse(ok(ws.nx(['show', 'project', 'cart', '--json'])).stdout);
    expect(project.root).toBe('libs/shop/cart');
    expect(project.tags).toEqual(expect.arrayContaining(['scope:shop', 'type:feature']));
    expect(project.metadata.paved).toMatchObject({ template: 'ts-lib', owners: ['@acme/cart-crew'] });
    expect(Object.keys(project.targets)).toEqual(expect.arrayContaining(['lint', 'typecheck', 'test', 'build']));
    expect(existsSync(ws.path('apps/shop-api/src/server.spec.ts'))).toBe(true);
  });

  it('writes nothing with --dry-run', () => {
    const result = ok(generate('--kind', 'ts-lib', '--name', 'draft', '--scope', 'shop', '--dry-run'));
    expect(result.stdout).toContain('CREATE libs/shop/draft/package.json');
    expect(existsSync(ws.path('libs/shop/draft'))).toBe(false);
  });

  it('refuses bad input with a coded error and leaves the workspace untouched', () => {
    ws.commitAll('four projects');
    for (const [args, code] of [
      [['--kind', 'ts-lib', '--name', '../evil', '--scope', 'shop'], 'PAVED-208'],
      [['--kind', 'ts-lib', '--name', 'cart', '--scope', 'shop'], 'PAVED-206'],
      [['--kind', 'ts-lib', '--name', 'x', '--scope', 'warehouse'], 'PAVED-201'],
      [['--kind', 'go-service', '--name', 'x', '--scope', 'shop'], 'PAVED-200'],
    ] as const) {
      const result = generate(...args);
      expect(result.status, result.stdout).not.toBe(0);
      expect(result.stdout + result.stderr).toContain(code);
    }
    expect(ws.git('status', '--porcelain')).toBe('');
  });

  it('passes lint, typecheck, test and build straight away, wired together', async () => {
    ws.write(
      'libs/shop/cart/src/cart.ts',
      "import { money } from '@acme/money';\n\nexport function cart(): string {\n  return `cart of ${money()}`;\n}\n",
    );
    ws.write(
      'libs/shop/cart/src/cart.spec.ts',
      "import { expect, it } from 'vitest';\nimport { cart } from './cart';\n\nit('uses money', () => {\n  expect(cart()).toBe('cart of money');\n});\n",
    );
    ws.write(
      'apps/shop-api/src/catalog.ts',
      "import { cart } from '@acme/cart';\n\nexport const catalog = (): string => cart();\n",
    );
    ok(ws.nx(['run-many', '-t', 'lint', 'typecheck', 'test', 'build', '--outputStyle=static']));
    expect(existsSync(ws.path('dist/libs/shared/money/src/index.js'))).toBe(true);
    const service = await ws.startService('dist/apps/shop-api/main.cjs');
    try {
      const response = await fetch(`${service.url}/healthz`);
      expect(await response.json()).toEqual({ status: 'ok', service: 'shop-api' });
    } finally {
      expect(await service.stop()).toBe(0);
    }
    ws.commitAll('wire cart to money and shop-api to cart');
  });

  it.each([
    [
      'a type rule',
      "import { cart } from '@acme/cart';",
      '"type:feature" can only depend on libs tagged with "type:data-access", "type:util"',
    ],
    [
      'a scope rule',
      "import { pricing } from '@acme/pricing';",
      '"scope:billing" can only depend on libs tagged with "scope:billing", "scope:shared"',
    ],
  ])('lints %s from paved.json as a module boundary', (_, importLine, message) => {
    ws.write(
      'libs/billing/invoices/src/uses.ts',
      `${importLine}\n\nexport const used = typeof ${importLine.split(' ')[2]};\n`,
    );
    const result = ws.nx(['run', 'invoices:lint', '--skip-nx-cache', '--outputStyle=static']);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('@nx/enforce-module-boundaries');
    expect(result.stdout).toContain(message);
  });

  it('lints clean again once the offending import is gone', () => {
    ws.git('clean', '-fdq', 'libs/billing');
    ok(ws.nx(['run', 'invoices:lint', '--skip-nx-cache', '--outputStyle=static']));
  });

  it('nx affected selects a changed lib and its dependents, and nothing else', () => {
    ws.write(
      'libs/shared/money/src/money.ts',
      "export function money(): string {\n  return 'money';\n}\n\nexport const currency = 'EUR';\n",
    );
    const affected = JSON.parse(ok(ws.nx(['show', 'projects', '--affected', '--base=HEAD', '--json'])).stdout);
    expect(ws.git('status', '--porcelain')).toBe(' M libs/shared/money/src/money.ts\n');
    expect([...affected].sort()).toEqual(['cart', 'money', 'shop-api']);
    ws.commitAll('add currency');
  });

  it('the pre-commit hook reformats a badly formatted staged file', () => {
    ok(ws.run('husky', []));
    ws.write('libs/shared/money/src/rates.ts', 'export const   rates = {eur:1,\n   usd:   1.1}\n');
    ws.git('add', 'libs/shared/money/src/rates.ts');
    ok(ws.run('git', ['commit', '-q', '-m', 'add rates']));
    expect(ws.git('show', 'HEAD:libs/shared/money/src/rates.ts')).toBe('export const rates = { eur: 1, usd: 1.1 };\n');
  });

  it('the pre-commit hook refuses a commit that breaks a module boundary', () => {
    ws.write(
      'libs/billing/invoices/src/invoices.ts',
      "import { cart } from '@acme/cart';\n\nexport const invoices = (): string => cart();\n",
    );
    ws.git('add', '-A');
    const result = ws.run('git', ['commit', '-q', '-m', 'cross the boundary']);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('enforce-module-boundaries');
    expect(ws.git('log', '-1', '--format=%s').trim()).toBe('add rates');
    ws.git('reset', '-q', '--hard');
  });

  it('a kind added as data in the workspace generators/ folder works without any code', () => {
    ws.write(
      'generators/cli-tool/template.json',
      JSON.stringify({
        description: 'A tiny command-line tool',
        projectType: 'application',
        version: '0.3.0',
        defaultPath: 'tools/{name}',
        allowedTypes: ['app'],
        targets: {
          typecheck: {
            executor: 'nx:run-commands',
            options: { command: 'tsc --noEmit -p {projectRoot}/tsconfig.json' },
          },
        },
      }),
    );
    ws.write(
      'generators/cli-tool/files/src/main.ts__tmpl__',
      "export const greeting: string = 'hello from <%= name %>';\n",
    );
    ws.write(
      'generators/cli-tool/files/tsconfig.json__tmpl__',
      '{ "extends": "<%= offsetFromRoot %>tsconfig.base.json", "include": ["src/**/*.ts"] }\n',
    );
    ok(generate('--kind', 'cli-tool', '--name', 'greeter', '--scope', 'shop'));
    const project = JSON.parse(ok(ws.nx(['show', 'project', 'greeter', '--json'])).stdout);
    expect(project).toMatchObject({ root: 'tools/greeter', projectType: 'application' });
    expect(project.tags).toEqual(expect.arrayContaining(['scope:shop', 'type:app']));
    expect(project.metadata.paved).toMatchObject({ template: 'cli-tool', templateVersion: '0.3.0' });
    expect(ws.read('tools/greeter/README.md')).toContain('A tiny command-line tool');
    ok(ws.nx(['run', 'greeter:typecheck', '--outputStyle=static']));
  });

  it('a --publishable project is a package changesets can version', () => {
    ok(generate('--kind', 'ts-lib', '--name', 'sdk', '--scope', 'shop', '--type', 'feature', '--publishable'));
    ws.write('.changeset/first-sdk.md', '---\n"@acme/sdk": minor\n---\n\nFirst release of the SDK.\n');
    ok(ws.run('changeset', ['version']));
    expect(JSON.parse(ws.read('libs/shop/sdk/package.json')).version).toBe('0.1.0');
    expect(ws.read('libs/shop/sdk/CHANGELOG.md')).toContain('First release of the SDK.');
    ok(ws.nx(['run', 'sdk:build', '--outputStyle=static']));
    const built = JSON.parse(ws.read('dist/libs/shop/sdk/package.json'));
    expect(built).toMatchObject({
      name: '@acme/sdk',
      version: '0.1.0',
      main: './src/index.js',
      types: './src/index.d.ts',
    });
  });
});
