/**
 * End to end: the built paved-cache bundle's command line. Generated help, --version, and the
 * start-up refusals a user meets first: a port another process holds, a host that is not this
 * machine's, a storage folder it cannot create or write (a file, a read-only file system), an S3
 * store it cannot reach. Each is a coded message and exit 2, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3rverProcess } from './s3rver.e2e-support';
import { canMountInNamespace, repoRoot, serverBinary, withTmpfsOn } from './server-process.e2e-support';

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'paved-cache-cli-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs the bundle to its end: every command here refuses or prints, none serves. `launcher` runs it (withTmpfsOn). */
function pavedCache(args: string[], env: Record<string, string> = {}, launcher: readonly string[] = []) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PAVED_CACHE_')));
  const [command, ...commandArgs] = [...launcher, process.execPath, serverBinary, ...args];
  const { status, stdout, stderr } = spawnSync(command, commandArgs, {
    cwd: workDir,
    encoding: 'utf-8',
    env: { ...inherited, ...env },
    timeout: 30_000,
  });
  return { status, stdout, stderr };
}

describe('paved-cache, the built bundle', () => {
  it('prints generated help, exit 0', () => {
    const program = pavedCache(['--help']);
    expect(program.status, program.stderr).toBe(0);
    expect(program.stdout).toContain('Usage: paved-cache [options] [command]');
    expect(program.stdout).toMatch(/^ {2}hash-token <token>/m);
    const dev = pavedCache(['dev', '--help']);
    expect(dev.status).toBe(0);
    expect(dev.stdout).toContain('Usage: paved-cache dev [options]');
    expect(dev.stdout).toMatch(/--port <n>\s+port, 0 for any free one/);
  });

  it('prints the version of @paved/cache-server', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'apps', 'cache-server', 'package.json'), 'utf-8'));
    expect(pavedCache(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  describe('on a port another process holds', () => {
    let other: Server;
    let port: number;
    beforeAll(async () => {
      other = createServer((_req, res) => res.end('still here'));
      await new Promise<void>((listening) => other.listen(0, '127.0.0.1', listening));
      port = (other.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((closed) => other.close(() => closed())));

    /** The refusal, with the other server still answering afterwards. */
    async function expectPortRefused(args: string[], env: Record<string, string> = {}) {
      const { status, stderr } = pavedCache(args, env);
      expect(status).toBe(2);
      expect(stderr).toContain(`PAVED-305 port ${port} on 127.0.0.1 is already in use`);
      expect(stderr).toContain('PAVED_CACHE_PORT');
      expect(stderr).not.toMatch(/^\s+at /m);
      const reply = await fetch(`http://127.0.0.1:${port}/`);
      expect(await reply.text()).toBe('still here');
    }

    it('dev --port: names the port and what to do, exit 2, no stack trace', async () => {
      await expectPortRefused(['dev', '--port', String(port), '--dir', 'store']);
    });

    it('serve with PAVED_CACHE_PORT: the same', async () => {
      await expectPortRefused(['serve'], {
        PAVED_CACHE_HOST: '127.0.0.1',
        PAVED_CACHE_PORT: String(port),
        PAVED_CACHE_DIR: join(workDir, 'served'),
        PAVED_CACHE_TOKENS: JSON.stringify([{ name: 'ci', sha256: 'a'.repeat(64), read: ['main'], write: 'main' }]),
      });
    });
  });

  it('refuses a storage folder it cannot create, naming it', () => {
    const file = join(workDir, 'a-file');
    writeFileSync(file, 'not a folder');
    const { status, stderr } = pavedCache(['dev', '--port', '0', '--dir', join(file, 'store')]);
    expect(status).toBe(2);
    expect(stderr).toContain(`PAVED-307 ${join(file, 'store')}: the storage folder cannot be created or written`);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  /** A coded refusal: exit 2, one `PAVED-3xx` line saying what and what to do, no stack trace. */
  function expectRefused(program: ReturnType<typeof pavedCache>, line: string | RegExp) {
    expect(program.status, program.stderr).toBe(2);
    if (typeof line === 'string') expect(program.stderr).toContain(line);
    else expect(program.stderr).toMatch(line);
    expect(program.stderr).not.toMatch(/^\s+at /m);
    expect(program.stderr).not.toContain('PAVED-001');
  }

  const serveEnv = (env: Record<string, string>) => ({
    PAVED_CACHE_HOST: '127.0.0.1',
    PAVED_CACHE_PORT: '0',
    PAVED_CACHE_TOKENS: JSON.stringify([{ name: 'ci', sha256: 'a'.repeat(64), read: ['main'], write: 'main' }]),
    ...env,
  });

  it('refuses a storage folder that is a file, saying so', () => {
    const file = join(workDir, 'store-is-a-file');
    writeFileSync(file, 'not a folder');
    expectRefused(pavedCache(['dev', '--port', '0', '--dir', file]), `PAVED-307 ${file}: the storage folder is a file`);
  });

  it.each([
    ['192.0.2.1', 'PAVED-308 192.0.2.1 is not an address of this machine'],
    ['not a host', 'PAVED-308 "not a host" is neither an IP address nor a host name'],
  ])('refuses PAVED_CACHE_HOST=%s', (host, line) => {
    expectRefused(
      pavedCache(['serve'], serveEnv({ PAVED_CACHE_HOST: host, PAVED_CACHE_DIR: join(workDir, 'h') })),
      line,
    );
  });

  describe.skipIf(!canMountInNamespace())('on a read-only file system (a tmpfs mounted read-only)', () => {
    it('an empty storage folder: PAVED-307, exit 2', () => {
      const dir = join(workDir, 'read-only-empty');
      mkdirSync(dir);
      expectRefused(
        pavedCache(['dev', '--port', '0', '--dir', dir], {}, withTmpfsOn(dir, '1m', ['ro'])),
        `PAVED-307 ${dir}: the storage folder cannot be created or written`,
      );
    });

    it('a store with artifacts and a crashed upload, remounted read-only: PAVED-307, exit 2', () => {
      const dir = join(workDir, 'read-only-store');
      mkdirSync(dir);
      const [unshare, ...setup] = withTmpfsOn(dir, '1m');
      // Fill the fresh tmpfs as a server that crashed would have left it, then make it read-only.
      const script = setup[3].replace(
        '&& exec "$@"',
        '&& mkdir -p "$0/main/nx/-" "$0/.tmp" && echo partial > "$0/main/nx/-/123" && mount -o remount,ro "$0" && exec "$@"',
      );
      expectRefused(
        pavedCache(['dev', '--port', '0', '--dir', dir], {}, [unshare, ...setup.slice(0, 3), script, dir]),
        `PAVED-307 ${dir}`,
      );
    });
  });

  describe('S3 storage it cannot reach at start-up', () => {
    const s3Env = (endpoint: string) =>
      serveEnv({
        PAVED_CACHE_STORAGE: 's3',
        PAVED_CACHE_S3_BUCKET: 'paved-cache',
        PAVED_CACHE_S3_ENDPOINT: endpoint,
        PAVED_CACHE_S3_FORCE_PATH_STYLE: 'true',
        PAVED_CACHE_STORAGE_TRANSFER_TIMEOUT_MS: '1000',
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_REGION: 'us-east-1',
      });

    it('nothing listens at the endpoint: PAVED-310, exit 2', async () => {
      const closed = createServer();
      await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
      const { port } = closed.address() as AddressInfo;
      await new Promise((done) => closed.close(done));
      expectRefused(
        pavedCache(['serve'], s3Env(`http://127.0.0.1:${port}`)),
        `PAVED-310 S3 bucket "paved-cache" at http://127.0.0.1:${port} cannot be listed at start-up`,
      );
    });

    it('the store hangs (SIGSTOP): PAVED-310 within the deadline, exit 2', async () => {
      const s3rver = await startS3rverProcess(join(workDir, 's3rver-hung'), 'paved-cache');
      s3rver.pause();
      try {
        expectRefused(pavedCache(['serve'], s3Env(s3rver.endpoint)), /PAVED-310 .*did not answer within 1000 ms/);
      } finally {
        s3rver.resume();
        await s3rver.close();
      }
    });
  });
});
