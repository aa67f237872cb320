/**
 * End to end: the built paved-cache bundle's command line. Generated help, --version, and the
 * start-up refusals a user meets first: a port another process holds, a storage folder it
 * cannot create. Each is a coded message and exit 2, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, serverBinary } from './server-process.e2e-support';

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'paved-cache-cli-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs the bundle to its end: every command here refuses or prints, none serves. */
function pavedCache(args: string[], env: Record<string, string> = {}) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PAVED_CACHE_')));
  const { status, stdout, stderr } = spawnSync(process.execPath, [serverBinary, ...args], {
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
});
