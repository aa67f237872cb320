/**
 * The main job until the cache server lands: a tour of the paved road in a
 * scratch workspace. Creates projects with `nx g @paved/nx:project`, wires them
 * together, lints, type-checks, tests and builds them, runs the service, and
 * shows a refused request. Pass --keep to leave the workspace on disk.
 */
import { ScratchWorkspace, type RunResult } from '@paved/scratch';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
const keep = process.argv.includes('--keep');

let stepNumber = 0;
function step(title: string): void {
  stepNumber += 1;
  console.log(`\n── ${stepNumber}. ${title}`);
}

function show(result: RunResult, expectFailure = false): RunResult {
  console.log(`$ ${result.command}`);
  const output = `${result.stdout}${result.stderr}`.trim();
  if (output) console.log(output.replace(/^/gm, '  '));
  if ((result.status === 0) === expectFailure) {
    throw new Error(`\`${result.command}\` exited ${result.status}, which the demo did not expect`);
  }
  return result;
}

async function main(): Promise<void> {
  step('Create a scratch Nx workspace with Paved (paved.json, ESLint and Prettier presets, husky, lint-staged)');
  const ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
  console.log(`workspace: ${ws.root}`);
  console.log(ws.read('paved.json').replace(/^/gm, '  '));
  ws.commitAll('empty workspace');

  try {
    step('Create projects on the paved road: placed, tagged and owned as paved.json says');
    const generate = (...args: string[]) => show(ws.generateProject(...args));
    generate('--kind', 'ts-lib', '--name', 'money', '--scope', 'shared', '--type', 'util');
    generate(
      '--kind',
      'ts-lib',
      '--name',
      'cart',
      '--scope',
      'shop',
      '--type',
      'feature',
      '--description',
      'The cart.',
    );
    generate('--kind', 'node-service', '--name', 'shop-api', '--scope', 'shop');
    show(ws.nx(['show', 'projects', '--json']));

    step('Wire them together: shop-api -> cart -> money (through tsconfig.base.json paths)');
    ws.write(
      'libs/shop/cart/src/cart.ts',
      "import { money } from '@acme/money';\n\nexport function cart(): string {\n  return `cart in ${money()}`;\n}\n",
    );
    ws.write(
      'libs/shop/cart/src/cart.spec.ts',
      "import { expect, it } from 'vitest';\nimport { cart } from './cart';\n\nit('prices in money', () => {\n  expect(cart()).toBe('cart in money');\n});\n",
    );
    ws.write(
      'apps/shop-api/src/catalog.ts',
      "import { cart } from '@acme/cart';\n\nexport const catalog = (): string => cart();\n",
    );

    step('Lint (with module boundaries from paved.json), type-check, test and build everything');
    show(ws.nx(['run-many', '-t', 'lint', 'typecheck', 'test', 'build', '--outputStyle=static']));

    step('Run the service and ask it for its health');
    const service = await ws.startService('dist/apps/shop-api/main.cjs');
    const response = await fetch(`${service.url}/healthz`);
    console.log(`GET ${service.url}/healthz -> ${response.status} ${await response.text()}`);
    console.log(`service stopped with exit code ${await service.stop()}`);

    ws.commitAll('three projects, wired');
    step('A request off the road is refused with a coded error, and nothing is written');
    show(ws.generateProject('--kind', 'ts-lib', '--name', '../evil', '--scope', 'warehouse'), true);
    console.log(`git status after the refusal: ${ws.git('status', '--porcelain').trim() ? 'changed' : 'unchanged'}`);

    console.log(
      '\nThe paved road works: 3 projects generated, lint + typecheck + test + build green, service healthy.',
    );
  } finally {
    if (keep) console.log(`\nworkspace kept at ${ws.root}`);
    else ws.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
