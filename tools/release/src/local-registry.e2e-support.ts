import { freePort } from '@paved/scratch';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Creates a user the way `npm adduser` does and returns its token. */
  addUser(name: string): Promise<string>;
  /** Writes an npmrc (for npm_config_userconfig) pointing at this registry, with a token when given one. */
  writeNpmrc(file: string, token?: string): string;
  /** Everything Verdaccio printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the Verdaccio this repository pins (a devDependency, see docs/releasing.md) with its
 * storage in `dir`: `@paved/*` only ever from what is published to it, everything else proxied
 * from registry.npmjs.org. Resolves once `/-/ping` answers.
 */
export async function startLocalRegistry(dir: string, workspaceRoot: string): Promise<LocalRegistry> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      'uplinks:',
      '  npmjs:',
      '    url: https://registry.npmjs.org/',
      'packages:',
      "  '@paved/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    proxy: npmjs',
      'web:',
      '  enable: false',
      'log:',
      '  type: stdout',
      '  format: json',
      '  level: warn',
      `listen: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const verdaccio = join(
    dirname(createRequire(join(workspaceRoot, 'package.json')).resolve('verdaccio/package.json')),
    'bin',
    'verdaccio',
  );
  const child = spawn(process.execPath, [verdaccio, '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await untilReady(url, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    async addUser(name) {
      const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password: `${name}-local-registry-password` }),
      });
      const body = (await response.json()) as { token?: string };
      if (!response.ok || !body.token)
        throw new Error(`adding user ${name}: ${response.status} ${JSON.stringify(body)}`);
      return body.token;
    },
    writeNpmrc(file, token) {
      const auth = token ? [`//127.0.0.1:${port}/:_authToken=${token}`] : [];
      writeFileSync(file, [`registry=${url}`, ...auth, ''].join('\n'));
      return file;
    },
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function untilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited ${child.exitCode}:\n${output()}`);
    const ready = await fetch(`${url}-/ping`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Verdaccio did not answer ${url}-/ping within 60 s:\n${output()}`);
}
