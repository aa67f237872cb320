import { readTarball } from '@paved/packaging';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectSuccess, ForeignWorkspace } from './foreign-workspace.e2e-support';
import { repoState } from './published.e2e-setup';

/**
 * The release path end to end: `pnpm release:pack` builds the two tarballs and `changeset
 * publish` publishes them to a real local registry (Verdaccio), once for every e2e file
 * (published.e2e-setup.ts). Here: what was uploaded, that the repository is left as it was, and
 * the cache server installed on its own. adoption.e2e.spec.ts installs @paved/nx into foreign
 * workspaces.
 */

const repoRoot = join(__dirname, '..', '..', '..');
const version = (project: string) =>
  String(JSON.parse(readFileSync(join(repoRoot, project, 'package.json'), 'utf-8')).version);
const nxVersion = version('tools/nx-plugin');
const cacheServerVersion = version('apps/cache-server');
const tarballs = {
  nx: join(repoRoot, 'dist', 'packages', `paved-nx-${nxVersion}.tgz`),
  cacheServer: join(repoRoot, 'dist', 'packages', `paved-cache-server-${cacheServerVersion}.tgz`),
};

describe('release: the published packages are what release:pack built, and the cache server runs installed', () => {
  const published = inject('published');
  let cacheServer: ForeignWorkspace;

  beforeAll(async () => {
    cacheServer = await ForeignWorkspace.create('cache-host', {
      registry: published.registryUrl,
      pnpmBinDir: published.pnpmBinDir,
      files: { 'package.json': { name: 'ops', private: true } },
    });
    expectSuccess(await cacheServer.pnpm(['add', `@paved/cache-server@${cacheServerVersion}`]));
  });

  afterAll(() => cacheServer?.dispose());

  it('release:pack writes both tarballs, and changeset publish uploads exactly what they hold', async () => {
    expect(existsSync(tarballs.nx) && existsSync(tarballs.cacheServer)).toBe(true);
    expect(published.publish.stdout + published.publish.stderr).toMatch(/packages published successfully/);
    for (const [name, tarball] of [
      ['@paved/nx', tarballs.nx],
      ['@paved/cache-server', tarballs.cacheServer],
    ] as const) {
      const packument = (await (await fetch(`${published.registryUrl}${name.replace('/', '%2f')}`)).json()) as {
        'dist-tags': Record<string, string>;
        versions: Record<string, { dist: { tarball: string } }>;
      };
      const latest = packument['dist-tags'].latest;
      expect(latest).toBe(name === '@paved/nx' ? nxVersion : cacheServerVersion);
      const download = join(published.scratch, `${name.replace('/', '-')}.tgz`);
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
    expect(await repoState(published.pnpmBinDir)).toBe(published.repoStateBefore);
  });

  describe('@paved/cache-server installed on its own', () => {
    it('runs paved-cache: hash-token, and dev serving /healthz until SIGTERM', async () => {
      const host = cacheServer;
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
