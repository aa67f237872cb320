/**
 * End to end with real parts: `paved doctor` on scratch workspaces in real git repositories
 * (husky 9 hooks missing, then installed by --fix and run by a real commit; a hook that lost its
 * executable bit), run through a real pnpm, and against the built paved-cache server with a
 * read-only and a read-write token, a server that is not Paved's, and a port nobody listens on. Slow.
 */
import { hashToken } from '@paved/cache-config';
import { ScratchWorkspace, startCacheServerProcess, type CacheServerProcess, type RunResult } from '@paved/scratch';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..', '..');
const cli = join(repoRoot, 'tools', 'cli', 'src', 'main.ts');
const serverBinary = join(repoRoot, 'dist', 'apps', 'cache-server', 'main.cjs');
const workspaces: ScratchWorkspace[] = [];
afterAll(() => workspaces.forEach((w) => w.dispose()));

/** The machine's own cache settings and global git config must not leak into what doctor sees. */
const isolated = {
  NX_SELF_HOSTED_REMOTE_CACHE_SERVER: '',
  NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: '',
  TURBO_API: '',
  TURBO_TOKEN: '',
  TURBO_TEAM: '',
  TURBO_TEAMID: '',
  npm_config_user_agent: '',
  GIT_CONFIG_GLOBAL: devNull,
};

interface DoctorRun extends RunResult {
  report: {
    ok: boolean;
    checks: { id: string; verdict: string; reason: string; fixable: boolean; details?: Record<string, unknown> }[];
    fixes: { check: string; action: string | null; fixed: boolean; result: string }[];
  };
}

function doctor(ws: ScratchWorkspace, args: string[] = [], env: Record<string, string> = {}): DoctorRun {
  const result = ws.run(
    'tsx',
    ['--tsconfig', join(repoRoot, 'tsconfig.base.json'), cli, 'doctor', ...args, '--format', 'json', '--cwd', ws.root],
    { ...isolated, ...env },
  );
  let report: DoctorRun['report'];
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new Error(`paved doctor printed no JSON (exit ${result.status})\n${result.stdout}\n${result.stderr}`);
  }
  return { ...result, report };
}

const checkOf = (run: DoctorRun, id: string) => {
  const found = run.report.checks.find((check) => check.id === id);
  if (!found) throw new Error(`no check ${id} in ${JSON.stringify(run.report)}`);
  return found;
};

function scratch(): ScratchWorkspace {
  const ws = ScratchWorkspace.create({ toolchainRoot: repoRoot });
  workspaces.push(ws);
  ws.commitAll('scratch workspace');
  return ws;
}

describe('paved doctor: hooks in real git repositories', () => {
  it('fails a clone whose husky hooks are not installed; --fix runs husky; a real commit then runs the hook', () => {
    const ws = scratch();
    const before = doctor(ws);
    expect(before.status, before.stdout + before.stderr).toBe(1);
    expect(checkOf(before, 'hooks')).toMatchObject({
      verdict: 'fail',
      reason: 'husky 9 is configured but its hooks are not installed (core.hooksPath is not set, not .husky/_)',
      fixable: true,
    });
    // Nothing else fails in a workspace made by the paved road.
    expect(before.report.checks.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual(['hooks']);

    const fixed = doctor(ws, ['--fix']);
    expect(fixed.status, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.report.fixes).toEqual([
      { check: 'hooks', action: 'run node_modules/.bin/husky', fixed: true, result: 'ran node_modules/.bin/husky' },
    ]);
    expect(checkOf(fixed, 'hooks')).toMatchObject({ verdict: 'pass', reason: expect.stringContaining('(husky 9') });
    expect(ws.git('config', '--local', 'core.hooksPath').trim()).toBe('.husky/_');

    const after = doctor(ws);
    expect(after.status).toBe(0);
    expect(after.report.fixes).toEqual([]);

    // The hook doctor installed runs: lint-staged formats the staged file before it is committed.
    ws.write('notes.json', '{"a":1}');
    ws.git('add', 'notes.json');
    ws.git('commit', '-q', '-m', 'notes');
    expect(ws.git('show', 'HEAD:notes.json')).toBe('{ "a": 1 }\n');
  });

  it('passes husky-installed hooks, fails one that lost its executable bit, and --fix restores it', () => {
    const ws = scratch();
    ws.runOk('husky', []);
    const installed = doctor(ws);
    expect(installed.status, installed.stdout + installed.stderr).toBe(0);
    expect(checkOf(installed, 'hooks').reason).toBe(
      'pre-commit hook installed in .husky/_ (husky 9, runs lint-staged)',
    );

    const hook = ws.path('.husky/_/pre-commit');
    chmodSync(hook, 0o644);
    const broken = doctor(ws);
    expect(broken.status).toBe(1);
    expect(checkOf(broken, 'hooks').reason).toBe('.husky/_/pre-commit is not executable: git ignores it');
    const fixed = doctor(ws, ['--fix']);
    expect(fixed.status).toBe(0);
    expect(fixed.report.fixes[0]).toMatchObject({ action: 'chmod +x .husky/_/pre-commit', fixed: true });
    expect(statSync(hook).mode & 0o111).not.toBe(0);
  });
});

describe('paved doctor: toolchain through a real pnpm', () => {
  let ws: ScratchWorkspace;
  beforeAll(() => {
    ws = scratch();
    ws.runOk('husky', []);
  });

  const pin = (packageManager: string) => {
    const policy = JSON.parse(ws.read('paved.json'));
    ws.write('paved.json', JSON.stringify({ ...policy, toolchain: { node: '>=20', packageManager } }, null, 2));
  };
  const throughPnpm = () =>
    ws.run(
      'npx',
      [
        '-y',
        'pnpm@10.34.9',
        'exec',
        'tsx',
        '--tsconfig',
        join(repoRoot, 'tsconfig.base.json'),
        cli,
        'doctor',
        '--format',
        'json',
      ],
      { ...isolated, npm_config_user_agent: undefined },
    );

  it('passes the pnpm that runs it when it is the pinned one, and fails another pin', () => {
    pin('pnpm@10.34.9');
    const pinned = throughPnpm();
    expect(pinned.status, pinned.stdout + pinned.stderr).toBe(0);
    const report = JSON.parse(pinned.stdout);
    expect(report.checks.find((c: { id: string }) => c.id === 'package-manager')).toMatchObject({
      verdict: 'pass',
      reason: 'pnpm 10.34.9 as pinned (the package manager running paved)',
    });
    expect(report.checks.find((c: { id: string }) => c.id === 'node').verdict).toBe('pass');

    pin('pnpm@10.0.0');
    const other = throughPnpm();
    expect(other.status).toBe(1);
    expect(JSON.parse(other.stdout).checks.find((c: { id: string }) => c.id === 'package-manager').reason).toBe(
      'pnpm 10.34.9 runs here (the package manager running paved) but paved.json pins pnpm@10.0.0',
    );
  });
});

describe('paved doctor: the remote cache, asked of the real paved-cache server', () => {
  const tokens = { laptop: 'tok-doctor-laptop', pr: 'tok-doctor-pr' };
  let ws: ScratchWorkspace;
  let server: CacheServerProcess;
  let storeDir: string;
  let foreign: { url: string; process: ChildProcess };

  beforeAll(async () => {
    ws = scratch();
    ws.runOk('husky', []);
    storeDir = mkdtempSync(join(tmpdir(), 'paved-doctor-cache-'));
    server = await startCacheServerProcess(serverBinary, {
      PAVED_CACHE_HOST: '127.0.0.1',
      PAVED_CACHE_PORT: '0',
      PAVED_CACHE_LOG_LEVEL: 'info',
      PAVED_CACHE_DIR: storeDir,
      PAVED_CACHE_TOKENS: JSON.stringify([
        { name: 'laptops', sha256: hashToken(tokens.laptop), read: ['main'] },
        { name: 'ci-pr', sha256: hashToken(tokens.pr), read: ['pr-*', 'main'], write: 'pr-*' },
      ]),
    });
    foreign = await startForeignServer();
  });
  afterAll(async () => {
    await server?.stop();
    foreign?.process.kill();
    rmSync(storeDir, { recursive: true, force: true });
  });

  const nx = (url: string, token: string) => ({
    NX_SELF_HOSTED_REMOTE_CACHE_SERVER: url,
    NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token,
  });

  it('reports a read-only token: reads main, may not write', () => {
    const run = doctor(ws, [], nx(server.url, tokens.laptop));
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(checkOf(run, 'nx-remote-cache')).toMatchObject({
      verdict: 'pass',
      reason: `token "laptops" at ${server.url}: reads main; read-only in main (uploads are refused with 403, which Nx ignores)`,
      details: {
        reachable: true,
        healthz: 200,
        token: 'laptops',
        namespace: 'main',
        protected: true,
        read: { allowed: true, lookup: ['main'], patterns: ['main'] },
        write: { allowed: false, pattern: null },
      },
    });
  });

  it('reports a read-write token in its PR namespace, for Nx and Turborepo alike', async () => {
    const base = `${server.url}/ns/pr-12`;
    const from = await server.mark();
    const run = doctor(ws, [], {
      ...nx(base, tokens.pr),
      TURBO_API: base,
      TURBO_TOKEN: tokens.pr,
      TURBO_TEAM: 'acme',
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const expected = {
      verdict: 'pass',
      reason: `token "ci-pr" at ${base}: reads pr-12, then main; writes pr-12`,
      details: expect.objectContaining({
        token: 'ci-pr',
        namespace: 'pr-12',
        protected: false,
        read: { allowed: true, lookup: ['pr-12', 'main'], patterns: ['pr-*', 'main'] },
        write: { allowed: true, pattern: 'pr-*' },
      }),
    };
    expect(checkOf(run, 'nx-remote-cache')).toMatchObject(expected);
    expect(checkOf(run, 'turbo-remote-cache')).toMatchObject({
      ...expected,
      details: expect.objectContaining({ team: 'acme' }),
    });
    // The server saw the questions under the token's name; neither it nor doctor printed a token.
    const asked = server.requests(from, await server.mark()).filter((r) => r.path.endsWith('/v1/paved/token'));
    expect(asked).toEqual([
      expect.objectContaining({ path: '/ns/pr-12/v1/paved/token', status: 200, namespace: 'pr-12', token: 'ci-pr' }),
      expect.objectContaining({ path: '/ns/pr-12/v1/paved/token', status: 200, namespace: 'pr-12', token: 'ci-pr' }),
    ]);
    for (const secret of Object.values(tokens)) {
      expect(server.output()).not.toContain(secret);
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
  });

  it('fails a token the server does not know', () => {
    const run = doctor(ws, [], nx(server.url, 'tok-not-issued'));
    expect(run.status).toBe(1);
    expect(checkOf(run, 'nx-remote-cache')).toMatchObject({
      verdict: 'fail',
      reason: `${server.url} rejects the token in NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN (401)`,
    });
  });

  it("reports a server that is not Paved's as reachable, rights unknown, without failing", () => {
    const run = doctor(ws, [], nx(foreign.url, tokens.pr));
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(checkOf(run, 'nx-remote-cache')).toMatchObject({
      verdict: 'warn',
      reason: `${foreign.url} is reachable; the token's rights are unknown (/v1/paved/token answered 404: not a Paved cache server, or an older one)`,
    });
  });

  it('fails an unreachable URL', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const run = doctor(ws, [], nx(url, tokens.pr));
    expect(run.status).toBe(1);
    expect(checkOf(run, 'nx-remote-cache')).toMatchObject({
      verdict: 'fail',
      reason: `${url} is unreachable: ECONNREFUSED`,
      details: { reachable: false },
    });
  });
});

describe('paved doctor: refusals', () => {
  it('exits 2 outside an Nx workspace (PAVED-004) and on a bad --format (PAVED-002)', () => {
    const ws = scratch();
    const outside = mkdtempSync(join(tmpdir(), 'paved-doctor-outside-'));
    const tsx = ['--tsconfig', join(repoRoot, 'tsconfig.base.json'), cli, 'doctor'];
    const notNx = ws.run('tsx', [...tsx, '--cwd', outside], isolated);
    expect(notNx.status).toBe(2);
    expect(notNx.stderr).toContain(`PAVED-004 ${outside}: not an Nx workspace`);
    expect(notNx.stdout).toBe('');
    const badFormat = ws.run('tsx', [...tsx, '--format', 'sarif', '--cwd', ws.root], isolated);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('PAVED-002 paved doctor: --format must be one of human, json, got "sarif"');
    rmSync(outside, { recursive: true, force: true });
  });
});

/** A plain HTTP server in its own process (doctor runs synchronously here) that knows no Paved routes. */
function startForeignServer(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      "require('node:http').createServer((req, res) => { res.statusCode = 404; res.end('Not Found'); })" +
        ".listen(0, '127.0.0.1', function () { console.log('listening on port ' + this.address().port); });",
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on port (\d+)\n/.exec(output)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, process: child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the foreign server exited ${code}:\n${output}`)));
  });
}

/** A port that was free a moment ago: nothing listens on it. */
function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}
