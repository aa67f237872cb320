import { type RunResult } from '@paved/scratch';
import { readFileSync, realpathSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectSuccess, ForeignWorkspace } from './foreign-workspace.e2e-support';

/**
 * Adoption as a team does it: `nx add @paved/nx` from the registry (published.e2e-setup.ts) into
 * workspaces that never saw this repository, installed with a real `pnpm install`, and then
 * everything `init` promises (docs/adoption.md). An Nx 23 pnpm workspace of package.json-only
 * projects with a flat ESLint config carrying a rule of its own, a husky hook with a line of its
 * own, a CODEOWNERS file and two boundary crossings; an Nx 22 workspace of project.json projects;
 * and an Nx 21 one that init must refuse.
 */

const repoRoot = join(__dirname, '..', '..', '..');
const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf-8'));
const devVersion = (name: string) => String(rootManifest.devDependencies[name]);
const nxVersion = String(JSON.parse(readFileSync(join(repoRoot, 'tools/nx-plugin/package.json'), 'utf-8')).version);
/** What this repository installs (so the pnpm store is warm for it), and the oldest Nx major Paved supports. */
const NX_23 = devVersion('nx');
const NX_22 = '22.1.3';
/** A major Paved does not support: init refuses it. */
const NX_21 = '21.6.4';

/** A fake AWS key, built at run time so that this file holds no secret for Paved's own scan to find. */
const fakeAwsKey = ['AKIA', 'Q7ZP4MX2', 'LW3RT8NB'].join('');

interface PackageJsonProject {
  name: string;
  tags: string[];
  depends?: string[];
  projectType?: 'application';
  /** Source of src/index.js. */
  source: string;
}

/** A project defined by its package.json alone, with its workspace dependencies declared and imported. */
function packageJsonProject(root: string, project: PackageJsonProject): Record<string, string | object> {
  return {
    [`${root}/package.json`]: {
      name: project.name,
      version: '1.0.0',
      type: 'module',
      main: './src/index.js',
      nx: { tags: project.tags, ...(project.projectType ? { projectType: project.projectType } : {}) },
      dependencies: Object.fromEntries((project.depends ?? []).map((name) => [name, 'workspace:*'])),
    },
    [`${root}/src/index.js`]: project.source,
  };
}

/** The team's flat ESLint config: its own rule, no Paved. */
const teamEslintConfig = `export default [
  { ignores: ['**/node_modules', '**/dist', '.nx'] },
  // Ours: library code logs through the logger, never the console.
  { files: ['**/*.js'], rules: { 'no-console': 'error' } },
];
`;

/** The team's hook: a line of its own, which must still run after init. */
const teamHook = 'echo "team hook ran" >> "$(git rev-parse --git-dir)/team-hook.log"\n';

const teamCodeowners =
  '* @acme/platform\n/libs/shop/ @acme/shop-team\n/libs/billing/ @acme/billing-team\n/docs/ @acme/writers\n';

const status = (host: ForeignWorkspace) => host.run('git', ['status', '--porcelain']).then((r) => r.stdout);
const output = (result: RunResult) => `${result.stdout}\n${result.stderr}`;

describe('adoption: nx add @paved/nx in workspaces nobody here wrote', () => {
  const published = inject('published');
  const hosts: ForeignWorkspace[] = [];
  const create = async (name: string, files: Record<string, string | object>) => {
    const host = await ForeignWorkspace.create(name, {
      registry: published.registryUrl,
      pnpmBinDir: published.pnpmBinDir,
      files,
    });
    hosts.push(host);
    return host;
  };
  const hostPackage = (name: string, nx: string, extra: object = {}) => ({
    name,
    private: true,
    license: 'MIT',
    packageManager: `pnpm@${published.pnpmVersion}`,
    ...extra,
    devDependencies: { nx, ...((extra as { devDependencies?: object }).devDependencies ?? {}) },
  });

  /** The three hosts install at once: installs wait on the registry, not on the CPU. */
  let nx23: Promise<{ host: ForeignWorkspace; added: RunResult }>;
  let nx22: Promise<{ host: ForeignWorkspace; refusedLegacy: RunResult; refusedNoNx: RunResult; added: RunResult }>;
  let nx21: Promise<{ host: ForeignWorkspace; refused: RunResult; before: string; after: string }>;

  beforeAll(() => {
    nx23 = (async () => {
      const host = await create('nx23-team', {
        'package.json': hostPackage('acme-monorepo', NX_23, {
          scripts: { prepare: 'husky' },
          devDependencies: { eslint: devVersion('eslint'), husky: devVersion('husky') },
        }),
        'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - libs/*/*\n',
        'nx.json': { namedInputs: { default: ['{projectRoot}/**/*'] } },
        'eslint.config.mjs': teamEslintConfig,
        '.husky/pre-commit': teamHook,
        '.github/CODEOWNERS': teamCodeowners,
        ...packageJsonProject('libs/shop/ui', {
          name: '@acme/ui',
          tags: ['scope:shop', 'type:ui'],
          source: "export const button = 'button';\n",
        }),
        ...packageJsonProject('libs/shop/cart', {
          name: '@acme/cart',
          tags: ['scope:shop', 'type:feature'],
          depends: ['@acme/ui'],
          source: "import { button } from '@acme/ui';\n\nexport const cart = [button];\n",
        }),
        // Two crossings the team already has: a util that uses a ui library, and billing using shop's cart.
        ...packageJsonProject('libs/shared/util', {
          name: '@acme/util',
          tags: ['scope:shared', 'type:util'],
          depends: ['@acme/ui'],
          source: "import { button } from '@acme/ui';\n\nexport const label = (text) => `${button}:${text}`;\n",
        }),
        ...packageJsonProject('libs/billing/invoices', {
          name: '@acme/invoices',
          tags: ['scope:billing', 'type:feature'],
          depends: ['@acme/cart'],
          source: "import { cart } from '@acme/cart';\n\nexport const invoice = () => cart.length;\n",
        }),
        ...packageJsonProject('apps/web', {
          name: '@acme/web',
          tags: ['scope:shop', 'type:app'],
          projectType: 'application',
          depends: ['@acme/cart'],
          source: "import { cart } from '@acme/cart';\n\nexport default cart;\n",
        }),
      });
      expectSuccess(await host.pnpm(['install']));
      await host.commitAll('pnpm install');
      const added = await host.nx(['add', '@paved/nx']);
      if (added.status === 0) await host.commitAll('nx add @paved/nx');
      return { host, added };
    })();

    nx22 = (async () => {
      const host = await create('nx22-team', {
        // Not a pnpm workspace: one package.json, projects defined by project.json, import paths in tsconfig.base.json.
        'package.json': hostPackage('acme-finance', NX_22),
        'nx.json': {},
        'tsconfig.base.json': { compilerOptions: { paths: { '@finance/ledger': ['libs/ledger/src/index.ts'] } } },
        'libs/ledger/project.json': {
          name: 'ledger',
          sourceRoot: 'libs/ledger/src',
          tags: ['scope:finance', 'type:util'],
        },
        'libs/ledger/src/index.ts': 'export const ledger = 1;\n',
        'apps/portal/project.json': {
          name: 'portal',
          projectType: 'application',
          sourceRoot: 'apps/portal/src',
          tags: ['scope:finance', 'type:app'],
        },
        'apps/portal/src/main.ts': "import { ledger } from '@finance/ledger';\n\nconsole.log(ledger);\n",
        // A legacy ESLint config: init refuses to merge into it, until the team moves to a flat config.
        '.eslintrc.json': { root: true, rules: {} },
      });
      expectSuccess(await host.pnpm(['install']));
      expectSuccess(await host.pnpm(['add', '-D', `@paved/nx@${nxVersion}`]));
      await host.commitAll('install Paved');
      const refusedLegacy = await host.nx(['g', '@paved/nx:init', '--no-interactive']);
      renameSync(host.path('nx.json'), host.path('nx.json.away'));
      const refusedNoNx = await host.nx(['g', '@paved/nx:init', '--no-interactive']);
      renameSync(host.path('nx.json.away'), host.path('nx.json'));
      await host.runOk('git', ['rm', '-q', '.eslintrc.json']);
      await host.commitAll('no legacy ESLint config');
      const added = await host.nx(['add', '@paved/nx']);
      if (added.status === 0) await host.commitAll('nx add @paved/nx');
      return { host, refusedLegacy, refusedNoNx, added };
    })();

    nx21 = (async () => {
      const host = await create('nx21-team', { 'package.json': hostPackage('acme-legacy', NX_21), 'nx.json': {} });
      expectSuccess(await host.pnpm(['install']));
      // pnpm warns that @paved/nx wants Nx 22 or 23, and installs it anyway, as a team would see it.
      expectSuccess(await host.pnpm(['add', '-D', `@paved/nx@${nxVersion}`]));
      await host.commitAll('install Paved');
      const before = await status(host);
      const refused = await host.nx(['g', '@paved/nx:init', '--no-interactive']);
      return { host, refused, before, after: await status(host) };
    })();
    // Each test awaits its own; a failure surfaces there, not as an unhandled rejection.
    for (const pending of [nx23, nx22, nx21]) pending.catch(() => undefined);
  });

  afterAll(async () => {
    await Promise.allSettled([nx23, nx22, nx21]);
    for (const host of hosts) host.dispose();
  });

  describe('Nx 23, a pnpm workspace of package.json-only projects', () => {
    it('nx add installs the published plugin and runs init, which infers paved.json from the workspace', async () => {
      const { host, added } = await nx23;
      expect(added.status, output(added)).toBe(0);
      expect(realpathSync(host.path('node_modules/@paved/nx')).startsWith(host.path('node_modules/.pnpm'))).toBe(true);
      expect(added.stdout).toContain('Paved: what init decided, and why');
      const policy = host.json<{
        npmScope: string;
        scopes: Record<string, { owners?: string[] }>;
        sharedScopes: string[];
        types: Record<string, { canDependOn: string[] }>;
        kinds: Record<string, { path: string; types: string[] }>;
        owners: { default: string[] };
      }>('paved.json');
      expect(policy.npmScope).toBe('@acme');
      expect(Object.keys(policy.scopes)).toEqual(['billing', 'shared', 'shop']);
      expect(policy.scopes.shop.owners).toEqual(['@acme/shop-team']);
      expect(policy.scopes.billing.owners).toEqual(['@acme/billing-team']);
      expect(policy.sharedScopes).toEqual(['shared']);
      expect(policy.owners.default).toEqual(['@acme/platform']);
      expect(policy.types.util.canDependOn).toEqual(['util']);
      expect(policy.kinds['ts-lib']).toEqual({ path: 'libs/{scope}/{name}', types: ['feature', 'ui', 'util'] });
      expect(policy.kinds['node-service'].types).toEqual(['app']);
    });

    it('infers check and scan for package.json-only projects, and keeps the projects Nx had', async () => {
      const { host } = await nx23;
      const projects = JSON.parse(expectSuccess(await host.nx(['show', 'projects', '--json'])).stdout) as string[];
      expect(projects.sort()).toEqual(['@acme/cart', '@acme/invoices', '@acme/ui', '@acme/util', '@acme/web']);
      const shown = JSON.parse(expectSuccess(await host.nx(['show', 'project', '@acme/cart', '--json'])).stdout);
      expect(shown.targets.check.executor).toBe('@paved/nx:check');
      expect(shown.targets.scan.executor).toBe('@paved/nx:scan');
    });

    it("keeps the team's CODEOWNERS lines after Paved's block, and nx sync:check is green", async () => {
      const { host } = await nx23;
      const codeowners = host.read('.github/CODEOWNERS');
      expect(codeowners.endsWith(teamCodeowners)).toBe(true);
      expect(codeowners).toContain('/libs/shop/cart/ @acme/shop-team');
      expect(host.read('AGENTS.md')).toContain('nx g @paved/nx:project');
      expectSuccess(await host.nx(['sync:check']));
    });

    it('paved check is green thanks to the baseline, which holds the two existing crossings', async () => {
      const { host } = await nx23;
      const fingerprints = host
        .json<{ findings: { fingerprint: string }[] }>('paved-baseline.json')
        .findings.map((finding) => finding.fingerprint);
      expect(fingerprints).toEqual(
        expect.arrayContaining([
          'module-boundaries:@acme/util->@acme/ui',
          'module-boundaries:@acme/invoices->@acme/cart',
        ]),
      );
      expect(expectSuccess(await host.pnpm(['exec', 'paved', 'check'])).stdout).toMatch(/✔ 5 projects checked/);
    });

    it('a new boundary violation fails paved check and nx affected -t check', async () => {
      const { host } = await nx23;
      // A ui library starts using a feature library: type:ui may only depend on type:ui.
      const ui = host.json<{ dependencies: Record<string, string> }>('libs/shop/ui/package.json');
      host.write('libs/shop/ui/package.json', { ...ui, dependencies: { '@acme/cart': 'workspace:*' } });
      try {
        const checked = await host.pnpm(['exec', 'paved', 'check']);
        expect(checked.status, output(checked)).toBe(1);
        expect(checked.stdout).toContain('"@acme/ui" depends on "@acme/cart"');
        const affected = await host.nx(['affected', '-t', 'check', '--base=HEAD', '--outputStyle=static']);
        expect(affected.status, output(affected)).not.toBe(0);
        expect(affected.stdout).toContain('"@acme/ui" depends on "@acme/cart"');
      } finally {
        await host.runOk('git', ['checkout', '--', '.']);
      }
    });

    it("the team's ESLint rule still fires, and so do Paved's security rules", async () => {
      const { host } = await nx23;
      host.write(
        'libs/shop/cart/src/debug.js',
        "import { execSync } from 'node:child_process';\n\nexport function run(code) {\n  console.log(code);\n  execSync(code);\n  return eval(code);\n}\n",
      );
      try {
        const linted = await host.pnpm(['exec', 'eslint', 'libs/shop/cart/src/debug.js']);
        expect(linted.status, output(linted)).toBe(1);
        expect(linted.stdout).toContain('no-console');
        // Paved's security preset: ESLint's no-eval, and Paved's own shell-injection rule.
        expect(linted.stdout).toContain('no-eval');
        expect(linted.stdout).toContain('paved-security/no-shell-injection');
      } finally {
        await host.runOk('git', ['clean', '-fdq', 'libs']);
      }
    });

    it("a commit runs the team's hook line and Paved's secret scan, which refuses a staged secret", async () => {
      const { host } = await nx23;
      host.write('libs/shop/cart/README.md', '# cart\n');
      // A staged source file goes through `paved lint --fix`, the installed bin running the team's ESLint.
      host.write('libs/shop/cart/src/sizes.js', 'export const sizes = ["s", "m"];\n');
      const committed = await host.commit('cart: README', { verify: true });
      expect(committed.status, output(committed)).toBe(0);
      expect(host.read('.git/team-hook.log')).toContain('team hook ran');
      expect(output(committed)).toContain('paved lint --fix');
      host.write('libs/shop/cart/src/keys.js', `export const key = '${fakeAwsKey}';\n`);
      const refused = await host.commit('add a key', { verify: true });
      expect(refused.status, output(refused)).not.toBe(0);
      expect(output(refused)).toMatch(/1 secret found/);
      expect(output(refused)).toContain('libs/shop/cart/src/keys.js');
      expect(output(refused)).not.toContain(fakeAwsKey);
      await host.runOk('git', ['reset', '-q']);
      await host.runOk('git', ['clean', '-fdq', 'libs']);
    });

    it('a second init changes nothing', async () => {
      const { host } = await nx23;
      expectSuccess(await host.nx(['g', '@paved/nx:init', '--no-interactive']));
      expect(await status(host)).toBe('');
    });

    it('paved doctor passes', async () => {
      const { host } = await nx23;
      const doctor = await host.pnpm(['exec', 'paved', 'doctor']);
      expect(doctor.status, output(doctor)).toBe(0);
      expect(doctor.stdout).toMatch(/nx-plugin|plugin/);
    });

    it('nx g @paved/nx:project creates a project on the inferred road, and paved check still passes', async () => {
      const { host } = await nx23;
      expectSuccess(
        await host.nx([
          'g',
          '@paved/nx:project',
          '--kind',
          'ts-lib',
          '--name',
          'payments',
          '--scope',
          'billing',
          '--type',
          'feature',
          '--no-interactive',
        ]),
      );
      const project = host.json<{ tags: string[] }>('libs/billing/payments/project.json');
      expect(project.tags).toEqual(['scope:billing', 'type:feature']);
      expect(host.json<{ name: string }>('libs/billing/payments/package.json').name).toBe('@acme/payments');
      // Packages resolve by name through the pnpm workspace here: no paths; the workspace had no
      // root tsconfig, so the one the project extends is a strict base.
      expect(host.json('tsconfig.base.json')).toEqual({ compilerOptions: expect.objectContaining({ strict: true }) });
      expect(host.json<{ extends: string }>('libs/billing/payments/tsconfig.json').extends).toBe(
        '../../../tsconfig.base.json',
      );
      expect(expectSuccess(await host.pnpm(['exec', 'paved', 'check'])).stdout).toMatch(/✔ 6 projects checked/);
    });
  });

  describe('Nx 22, project.json projects with tags and tsconfig paths', () => {
    it('refuses a legacy .eslintrc workspace with a coded error, writing nothing', async () => {
      const { refusedLegacy } = await nx22;
      expect(refusedLegacy.status).not.toBe(0);
      expect(output(refusedLegacy)).toContain('PAVED-700');
      expect(output(refusedLegacy)).toContain('@eslint/migrate-config');
    });

    it('refuses a folder that is not an Nx workspace', async () => {
      const { refusedNoNx } = await nx22;
      expect(refusedNoNx.status).not.toBe(0);
      expect(output(refusedNoNx)).toContain('PAVED-004');
    });

    it('adopts once the config is flat: paved.json from the tags, check green, sync green, doctor passing', async () => {
      const { host, added } = await nx22;
      expect(added.status, output(added)).toBe(0);
      expect(host.json<{ version: string }>('node_modules/nx/package.json').version).toBe(NX_22);
      const policy = host.json<{
        scopes: object;
        types: Record<string, object>;
        kinds: Record<string, { path: string }>;
      }>('paved.json');
      expect(Object.keys(policy.scopes)).toEqual(['finance']);
      expect(Object.keys(policy.types)).toEqual(['app', 'util']);
      expect(policy.kinds['ts-lib'].path).toBe('libs/{name}');
      expect(policy.kinds['node-service'].path).toBe('apps/{name}');
      expect(host.read('eslint.config.js')).toContain('@paved/nx/eslint');
      expect(expectSuccess(await host.pnpm(['exec', 'paved', 'check'])).stdout).toMatch(/✔ 2 projects checked/);
      expectSuccess(await host.nx(['run-many', '-t', 'check', '--outputStyle=static']));
      expectSuccess(await host.nx(['sync:check']));
      expect((await host.pnpm(['exec', 'paved', 'doctor'])).status).toBe(0);
    });

    it('changes nothing on a second init, and creates projects with their import path in tsconfig.base.json', async () => {
      const { host } = await nx22;
      expectSuccess(await host.nx(['g', '@paved/nx:init', '--no-interactive']));
      expect(await status(host)).toBe('');
      expectSuccess(
        await host.nx([
          'g',
          '@paved/nx:project',
          '--kind',
          'ts-lib',
          '--name',
          'fx',
          '--scope',
          'finance',
          '--type',
          'util',
          '--no-interactive',
        ]),
      );
      expect(host.json<{ tags: string[] }>('libs/fx/project.json').tags).toEqual(['scope:finance', 'type:util']);
      expect(
        host.json<{ compilerOptions: { paths: Record<string, string[]> } }>('tsconfig.base.json').compilerOptions.paths,
      ).toMatchObject({ '@finance/ledger': ['libs/ledger/src/index.ts'], '@finance/fx': ['./libs/fx/src/index.ts'] });
    });
  });

  describe('Nx 21, a major Paved does not support', () => {
    it('refuses with PAVED-731 and writes nothing', async () => {
      const { refused, before, after } = await nx21;
      expect(refused.status).not.toBe(0);
      expect(output(refused)).toContain('PAVED-731');
      expect(output(refused)).toContain('Nx 22 or 23');
      expect(after).toBe(before);
    });
  });
});
