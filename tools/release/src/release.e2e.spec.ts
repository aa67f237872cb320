import { readTarball } from '@paved/packaging';
import { workspaceEnv, type RunResult } from '@paved/scratch';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSuccess, findPnpm, ForeignWorkspace, runCommand } from './foreign-workspace.e2e-support';
import { startLocalRegistry, type LocalRegistry } from './local-registry.e2e-support';

/**
 * The release path end to end: `pnpm release:pack` builds the two tarballs, `changeset publish`
 * publishes them to a real local registry (Verdaccio), and workspaces in the OS temp folder that
 * never saw this repository install them with a real `pnpm install` through it: an Nx 23 pnpm
 * workspace (nx only: no @nx/devkit, no ts-node or swc) that adds the plugin with `nx add`, an
 * Nx 22 workspace of project.json projects, and a folder that installs the cache server.
 */

const repoRoot = join(__dirname, '..', '..', '..');
const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf-8'));
const pnpmVersion = String(rootManifest.packageManager).replace(/^pnpm@/, '');
/** What this repository installs (so the pnpm store is warm for it), and the oldest Nx major Paved supports. */
const NX_23 = String(rootManifest.devDependencies.nx);
const NX_22 = '22.1.3';
const version = (project: string) =>
  String(JSON.parse(readFileSync(join(repoRoot, project, 'package.json'), 'utf-8')).version);
const nxVersion = version('tools/nx-plugin');
const cacheServerVersion = version('apps/cache-server');
/** Where the `pnpm` every command runs lives (findPnpm). */
let pnpmBinDir = '';
const tarballs = {
  nx: join(repoRoot, 'dist', 'packages', `paved-nx-${nxVersion}.tgz`),
  cacheServer: join(repoRoot, 'dist', 'packages', `paved-cache-server-${cacheServerVersion}.tgz`),
};

/** A minimal policy for the hosts (what `nx g @paved/nx:init` infers, once it exists). */
const hostPolicy = (scopes: string[]) => ({
  npmScope: '@acme',
  scopes: Object.fromEntries(scopes.map((scope) => [scope, { owners: [`@acme/${scope}-team`] }])),
  types: { app: { canDependOn: ['util'] }, util: { canDependOn: ['util'] } },
  owners: { default: ['@acme/platform'] },
});

/** A host's root package.json: nx of one version and nothing else, and the package manager it uses. */
const hostPackage = (name: string, nx: string) => ({
  name,
  private: true,
  packageManager: `pnpm@${pnpmVersion}`,
  devDependencies: { nx },
});

const projectJson = (root: string, name: string, tags: string[]) => ({
  [`${root}/project.json`]: { name, sourceRoot: `${root}/src`, tags },
});

/** A project that passes Paved's conformance rules: tags, a README and a test. */
const conformingFiles = (root: string, name: string) => ({
  [`${root}/README.md`]: `# ${name}\n`,
  [`${root}/src/${name.replace(/^@.*\//, '')}.spec.ts`]: "it('works', () => undefined);\n",
});

/** In this repository, with pnpm on PATH (as `pnpm release:pack` and `pnpm changeset publish` run). */
function runInRepo(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const base = workspaceEnv(repoRoot);
  return runCommand(command, args, { cwd: repoRoot, env: { ...base, PATH: `${pnpmBinDir}:${base.PATH}`, ...env } });
}

const repoState = async () =>
  [
    (await runInRepo('git', ['status', '--porcelain'])).stdout,
    (await runInRepo('git', ['tag', '--list', '@paved/*'])).stdout,
  ].join('\n--tags--\n');

/**
 * `nx add @paved/nx`, then what its init generator does. Until the package ships one, nx says it
 * skipped initialization, and the test registers the plugin and writes paved.json itself; once
 * it ships `init`, that is asserted instead (extend `initWasRun` with what init promises).
 */
async function addPaved(host: ForeignWorkspace, scopes: string[]): Promise<RunResult> {
  const added = expectSuccess(await host.nx(['add', '@paved/nx'], { NX_VERBOSE_LOGGING: 'true' }));
  const shipped = host.json<{ generators: Record<string, unknown> }>('node_modules/@paved/nx/generators.json');
  if ('init' in shipped.generators) {
    initWasRun(host);
  } else {
    expect(added.stdout).toContain('No "init" generator found in @paved/nx. Skipping initialization.');
    const nxJson = host.json<{ plugins?: unknown[] }>('nx.json');
    host.write('nx.json', { ...nxJson, plugins: [...(nxJson.plugins ?? []), '@paved/nx'] });
    host.write('paved.json', hostPolicy(scopes));
  }
  await host.commitAll('Paved added');
  return added;
}

function initWasRun(host: ForeignWorkspace): void {
  expect(host.json<{ plugins?: unknown[] }>('nx.json').plugins).toContainEqual(expect.stringMatching(/^@paved\/nx$/));
  expect(existsSync(host.path('paved.json'))).toBe(true);
}

/** The installed @paved/nx is the published one, inside the host: no link to this repository. */
function expectInstalledFromRegistry(host: ForeignWorkspace): void {
  const installed = realpathSync(host.path('node_modules/@paved/nx'));
  expect(installed.startsWith(join(host.root, 'node_modules', '.pnpm'))).toBe(true);
  expect(host.json<{ version: string }>('node_modules/@paved/nx/package.json').version).toBe(nxVersion);
  expect(host.json<{ devDependencies: Record<string, string> }>('package.json').devDependencies['@paved/nx']).toBe(
    `^${nxVersion}`,
  );
  const lockfile = host.read('pnpm-lock.yaml');
  expect(lockfile).not.toContain(repoRoot);
  expect(lockfile).not.toMatch(/@paved\/nx@(?:link|file|workspace):/);
}

async function targetsOf(host: ForeignWorkspace, project: string): Promise<Record<string, { executor?: string }>> {
  const shown = expectSuccess(await host.nx(['show', 'project', project, '--json']));
  return (JSON.parse(shown.stdout) as { targets: Record<string, { executor?: string }> }).targets;
}

async function projectsOf(host: ForeignWorkspace): Promise<string[]> {
  return (JSON.parse(expectSuccess(await host.nx(['show', 'projects', '--json'])).stdout) as string[]).sort();
}

describe('release: the published packages install and run where this repository never was', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'paved-release-e2e-'));
  const hosts: ForeignWorkspace[] = [];
  let registry: LocalRegistry;
  let published: RunResult;
  let before: string;
  /** Started together once the packages are published (installs wait on the network, not the CPU). */
  let nx23: Promise<{ host: ForeignWorkspace; install: RunResult; added: RunResult }>;
  let nx22: Promise<{ host: ForeignWorkspace; added: RunResult }>;
  let cacheServer: Promise<ForeignWorkspace>;

  beforeAll(async () => {
    pnpmBinDir = await findPnpm(pnpmVersion, repoRoot);
    before = await repoState();
    expectSuccess(await runInRepo('pnpm', ['release:pack']));
    registry = await startLocalRegistry(join(scratch, 'registry'), repoRoot);
    const publisherConfig = registry.writeNpmrc(join(scratch, 'publisher.npmrc'), await registry.addUser('publisher'));
    // The real publishing path, pointed at the local registry: changesets hands npm_config_registry to `npm info`
    // and to the `pnpm publish` it runs in each package (which uploads publishConfig.directory). No git tags here.
    published = await runInRepo('pnpm', ['exec', 'changeset', 'publish', '--no-git-tag'], {
      npm_config_registry: registry.url,
      npm_config_userconfig: publisherConfig,
    });
    const hostOptions = (files: Record<string, string | object>) => ({ registry: registry.url, pnpmBinDir, files });

    nx23 = (async () => {
      const host = await ForeignWorkspace.create(
        'nx23-host',
        hostOptions({
          'package.json': hostPackage('acme-shop', NX_23),
          'pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - libs/*\n',
          'nx.json': {},
          // A package.json project, as most pnpm workspaces define them, and a project.json one.
          'packages/storefront/package.json': {
            name: '@acme/storefront',
            version: '1.0.0',
            nx: { tags: ['scope:shop', 'type:app'] },
          },
          ...conformingFiles('packages/storefront', '@acme/storefront'),
          ...projectJson('libs/billing', 'billing', ['scope:billing', 'type:util']),
          'libs/billing/src/billing.spec.ts': "it('bills', () => undefined);\n",
        }),
      );
      hosts.push(host);
      const install = expectSuccess(await host.pnpm(['install']));
      const added = await addPaved(host, ['shop', 'billing']);
      return { host, install, added };
    })();
    nx22 = (async () => {
      const host = await ForeignWorkspace.create(
        'nx22-host',
        hostOptions({
          // Not a pnpm workspace: one package.json, projects defined by project.json.
          'package.json': hostPackage('acme-finance', NX_22),
          'nx.json': {},
          ...projectJson('libs/ledger', 'ledger', ['scope:finance', 'type:util']),
          ...conformingFiles('libs/ledger', 'ledger'),
          ...projectJson('apps/portal', 'portal', ['scope:finance', 'type:app']),
          ...conformingFiles('apps/portal', 'portal'),
        }),
      );
      hosts.push(host);
      expectSuccess(await host.pnpm(['install']));
      return { host, added: await addPaved(host, ['finance']) };
    })();
    cacheServer = (async () => {
      const host = await ForeignWorkspace.create(
        'cache-host',
        hostOptions({ 'package.json': { name: 'ops', private: true } }),
      );
      hosts.push(host);
      expectSuccess(await host.pnpm(['add', `@paved/cache-server@${cacheServerVersion}`]));
      return host;
    })();
    // Each test awaits its own; a failure surfaces there, not as an unhandled rejection.
    for (const pending of [nx23, nx22, cacheServer]) pending.catch(() => undefined);
  });

  afterAll(async () => {
    await Promise.allSettled([nx23, nx22, cacheServer]);
    await registry?.stop();
    for (const host of hosts) host.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('release:pack writes both tarballs, and changeset publish uploads exactly what they hold', async () => {
    expect(existsSync(tarballs.nx) && existsSync(tarballs.cacheServer)).toBe(true);
    expect(published.status, `${published.stdout}\n${published.stderr}\n${registry.output()}`).toBe(0);
    expect(published.stdout + published.stderr).toMatch(/packages published successfully/);
    for (const [name, tarball] of [
      ['@paved/nx', tarballs.nx],
      ['@paved/cache-server', tarballs.cacheServer],
    ] as const) {
      const packument = (await (await fetch(`${registry.url}${name.replace('/', '%2f')}`)).json()) as {
        'dist-tags': Record<string, string>;
        versions: Record<string, { dist: { tarball: string } }>;
      };
      const latest = packument['dist-tags'].latest;
      expect(latest).toBe(name === '@paved/nx' ? nxVersion : cacheServerVersion);
      const download = join(scratch, `${name.replace('/', '-')}.tgz`);
      writeFileSync(download, Buffer.from(await (await fetch(packument.versions[latest].dist.tarball)).arrayBuffer()));
      const [uploaded, packed] = [readTarball(download), readTarball(tarball)];
      expect([...uploaded.keys()].sort()).toEqual([...packed.keys()].sort());
      for (const [file, content] of packed) {
        // pnpm publish re-serialises package.json; every other byte is the packed one.
        if (file === 'package.json')
          expect(JSON.parse(String(uploaded.get(file)))).toEqual(JSON.parse(String(content)));
        else expect(uploaded.get(file)?.equals(content), file).toBe(true);
      }
    }
  });

  it('leaves the repository as it was: no file changed, no tag created', async () => {
    expect(await repoState()).toBe(before);
  });

  describe('an Nx 23 pnpm workspace with nx and nothing else', () => {
    it('installs with pnpm through the registry, then nx add @paved/nx installs the published plugin', async () => {
      const { host, install, added } = await nx23;
      expect(install.status).toBe(0);
      expect(added.stdout).toContain('Package @paved/nx added successfully.');
      expectInstalledFromRegistry(host);
    });

    it('loads the compiled plugin: nx show projects works and infers check and scan targets', async () => {
      const { host } = await nx23;
      expect(await projectsOf(host)).toEqual(['@acme/storefront', 'billing']);
      const targets = await targetsOf(host, 'billing');
      expect(targets.check?.executor).toBe('@paved/nx:check');
      expect(targets.scan?.executor).toBe('@paved/nx:scan');
    });

    it('runs the compiled check executor: it fails on a missing README, and passes once it is there', async () => {
      const { host } = await nx23;
      const failing = await host.nx(['run', 'billing:check', '--skip-nx-cache']);
      expect(failing.status).toBe(1);
      expect(failing.stdout).toContain('"billing" has no README.md');
      host.write('libs/billing/README.md', '# billing\n');
      await host.commitAll('billing: README');
      const passing = expectSuccess(
        await host.nx(['run-many', '-t', 'check', 'scan', '-p', 'billing', '--skip-nx-cache', '--outputStyle=static']),
      );
      expect(passing.stdout).toMatch(/✔ 1 project checked/);
      expect(passing.stdout).toMatch(/✔ \d+ tracked files? scanned; 0 secrets found/);
    });

    it('runs the paved bin from node_modules/.bin: --help lists the commands, and paved check passes', async () => {
      const { host } = await nx23;
      const help = await host.run(host.path('node_modules/.bin/paved'), ['--help']);
      expect(help.stdout + help.stderr).toMatch(/paved check[\s\S]*paved scan secrets/);
      expect(help.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      const checked = expectSuccess(await host.pnpm(['exec', 'paved', 'check']));
      expect(checked.stdout).toMatch(/✔ 2 projects checked/);
    });
  });

  describe('an Nx 22 workspace of project.json projects', () => {
    it('installs, adds @paved/nx, and loads it: projects, inferred targets and a passing check', async () => {
      const { host, added } = await nx22;
      expect(added.stdout).toContain('Package @paved/nx added successfully.');
      expectInstalledFromRegistry(host);
      expect(host.json<{ version: string }>('node_modules/nx/package.json').version).toBe(NX_22);
      expect(await projectsOf(host)).toEqual(['ledger', 'portal']);
      expect((await targetsOf(host, 'ledger')).check?.executor).toBe('@paved/nx:check');
      expect(expectSuccess(await host.nx(['run', 'ledger:check'])).stdout).toMatch(/✔ 1 project checked/);
    });
  });

  describe('@paved/cache-server installed on its own', () => {
    it('runs paved-cache: hash-token, and dev serving /healthz until SIGTERM', async () => {
      const host = await cacheServer;
      const bin = host.path('node_modules/.bin/paved-cache');
      const hashed = expectSuccess(await host.run(bin, ['hash-token', 'secret-token']));
      expect(hashed.stdout.trim()).toBe(createHash('sha256').update('secret-token').digest('hex'));

      const server = spawn(bin, ['dev', '--port', '0', '--dir', host.path('.paved-cache')], {
        cwd: host.root,
        env: host.env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let output = '';
          const onData = (chunk: Buffer) => {
            output += chunk.toString();
            const found = /listening on (http:\/\/\S+)/.exec(output)?.[1];
            if (found) resolve(found);
          };
          server.stdout.on('data', onData);
          server.stderr.on('data', onData);
          void exited.then((code) => reject(new Error(`paved-cache dev exited ${code} before listening:\n${output}`)));
        });
        const health = await fetch(`${url}/healthz`);
        expect([health.status, await health.text()]).toEqual([200, 'ok']);
        // The installed bin runs node with the V8 flag of its #! line (pnpm's shim copies it; npm runs the #! line).
        if (process.platform === 'linux') {
          expect(readFileSync(`/proc/${server.pid}/cmdline`, 'utf-8').split('\0')).toContain('--max-semi-space-size=2');
        }
        server.kill('SIGTERM');
        expect(await exited).toBe(0);
      } finally {
        // A failed assertion must not leave the server running.
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      }
    });
  });
});
