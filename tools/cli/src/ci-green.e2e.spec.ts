/**
 * End to end with real git and the built paved-cache server: a push's base is the branch's last
 * green commit, which `paved ci record-green` moves after a green run; a pull request's token can
 * never move it; a record that would hide commits, or that left HEAD's history, is refused or
 * set aside, said plainly. Slow.
 */
import { hashToken } from '@paved/cache-config';
import { ScratchWorkspace, startCacheServerProcess, type CacheServerProcess } from '@paved/scratch';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pavedWithEnv, repoRoot } from './e2e-cli';

const serverBinary = join(repoRoot, 'dist', 'apps', 'cache-server', 'main.cjs');
const tokens = { main: 'tok-green-main', pr: 'tok-green-pr' };

describe('paved ci record-green and the base of a push', () => {
  let ws: ScratchWorkspace;
  let server: CacheServerProcess;
  let storeDir: string;

  /** A GitHub Actions push to main, with the cache server and token the workflow gives Nx. */
  const push = (token: string, url = server.url) => ({
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF_NAME: 'main',
    NX_SELF_HOSTED_REMOTE_CACHE_SERVER: url,
    NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token,
  });
  const commit = (message: string) => {
    ws.write('libs/app/src/f0.ts', `export const f0 = ${JSON.stringify(message)};\n`);
    ws.commitAll(message);
    return ws.git('rev-parse', 'HEAD').trim();
  };
  const base = (env: NodeJS.ProcessEnv) => {
    const result = pavedWithEnv(ws, env, 'ci', 'base', '--format', 'json');
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { base: string; reason: string };
  };

  beforeAll(async () => {
    ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
    ws.write('.gitignore', 'node_modules\n.nx\n');
    ws.write('libs/app/project.json', JSON.stringify({ name: 'app', root: 'libs/app' }));
    storeDir = mkdtempSync(join(tmpdir(), 'paved-green-cache-'));
    server = await startCacheServerProcess(serverBinary, {
      PAVED_CACHE_HOST: '127.0.0.1',
      PAVED_CACHE_PORT: '0',
      PAVED_CACHE_DIR: storeDir,
      PAVED_CACHE_TOKENS: JSON.stringify([
        { name: 'ci-main', sha256: hashToken(tokens.main), read: ['main'], write: 'main' },
        { name: 'ci-pr', sha256: hashToken(tokens.pr), read: ['pr-*', 'main'], write: 'pr-*' },
      ]),
    });
  });
  afterAll(async () => {
    await server?.stop();
    ws?.dispose();
    if (storeDir) rmSync(storeDir, { recursive: true, force: true });
  });

  it('compares a push with the commit before it while no green commit is recorded, and says so', () => {
    const first = commit('first');
    commit('second');
    expect(base(push(tokens.main))).toMatchObject({
      base: first,
      reason: expect.stringContaining('no green commit is recorded for main yet'),
    });
    // Without a cache server there is no record to ask for: the same base, and the reason why.
    expect(base({ GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' }).reason).toContain(
      'NX_SELF_HOSTED_REMOTE_CACHE_SERVER is not set',
    );
  });

  it('compares the next pushes with the recorded green commit, so what failed since is tested again', () => {
    const green = ws.git('rev-parse', 'HEAD').trim();
    const recorded = pavedWithEnv(ws, push(tokens.main), 'ci', 'record-green');
    expect(recorded.status, recorded.stderr).toBe(0);
    expect(recorded.stdout).toContain(`green main ${green}`);
    expect(recorded.stdout).toContain('recorded by ci-main');
    commit('a push whose run failed');
    commit('the next push');
    const resolved = base(push(tokens.main));
    expect(resolved.base).toBe(green);
    expect(resolved.reason).toContain('the last green commit of main');
  });

  it("refuses a pull request's token, keeping main's green commit, whatever namespace it names", () => {
    const green = base(push(tokens.main)).base;
    for (const url of [server.url, `${server.url}/ns/main`]) {
      const refused = pavedWithEnv(ws, push(tokens.pr, url), 'ci', 'record-green');
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('PAVED-805');
      expect(refused.stderr).toContain('may not move the green commit of main');
    }
    expect(base(push(tokens.main)).base).toBe(green);
  });

  it('refuses to move the green commit backwards, and sets aside one that left HEAD history', () => {
    const green = base(push(tokens.main)).base;
    const older = ws.git('rev-parse', `${green}~1`).trim();
    const backwards = pavedWithEnv(ws, push(tokens.main), 'ci', 'record-green', '--sha', older);
    expect(backwards.status).toBe(2);
    expect(backwards.stderr).toContain('PAVED-806');
    expect(base(push(tokens.main)).base).toBe(green);

    // A commit on another line of history, recorded with --force (as after a rewrite of main):
    // the next push cannot compare with it, and says why.
    ws.git('checkout', '-q', '-b', 'elsewhere', older);
    const elsewhere = commit('on another line');
    ws.git('checkout', '-q', 'main');
    const forced = pavedWithEnv(ws, push(tokens.main), 'ci', 'record-green', '--sha', elsewhere, '--force');
    expect(forced.status, forced.stderr).toBe(0);
    const resolved = base(push(tokens.main));
    expect(resolved.base).toBe(ws.git('rev-parse', 'HEAD~1').trim());
    expect(resolved.reason).toContain("is not in HEAD's history");
  });

  it('fails loudly when the cache server cannot be asked, rather than guess a base', () => {
    const unreachable = pavedWithEnv(ws, push(tokens.main, 'http://127.0.0.1:9'), 'ci', 'base');
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr).toContain('PAVED-805');
    const noToken = pavedWithEnv(
      ws,
      { ...push(tokens.main), NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: '' },
      'ci',
      'record-green',
    );
    expect(noToken.status).toBe(2);
    expect(noToken.stderr).toContain('NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN is not');
  });
});
