import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readContext } from './doctor';
import { runCommand, type CommandRunner, type DoctorEnvironment, type Env, type Fetch } from './environment';
import { type DoctorContext } from './model';

/** A minimal valid paved.json, with `extra` merged in. */
export function policyJson(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    npmScope: '@acme',
    scopes: { shop: { owners: ['@acme/shop'] } },
    types: { util: { canDependOn: ['util'] } },
    ...extra,
  });
}

/** A temp folder holding `files` (nx.json and a valid paved.json unless given). */
export function tempWorkspace(files: Record<string, string | undefined> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'paved-doctor-'));
  const all: Record<string, string | undefined> = { 'nx.json': '{}', 'paved.json': policyJson(), ...files };
  for (const [path, content] of Object.entries(all)) {
    if (content === undefined) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Git with no global or system configuration but a throw-away one: the developer's never leaks in. */
export function isolatedGitEnv(home: string, extra: Env = {}): Env {
  return {
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Doctor Test',
    GIT_AUTHOR_EMAIL: 'doctor@paved.invalid',
    GIT_COMMITTER_NAME: 'Doctor Test',
    GIT_COMMITTER_EMAIL: 'doctor@paved.invalid',
    ...extra,
  };
}

/** Every command is "not installed". */
export const nothingInstalled: CommandRunner = async () => ({
  status: null,
  stdout: '',
  stderr: '',
  failure: 'ENOENT',
});

export const noNetwork: Fetch = async () => {
  throw new TypeError('fetch failed', { cause: { code: 'ENETUNREACH' } });
};

export function testEnvironment(root: string, overrides: Partial<DoctorEnvironment> = {}): DoctorEnvironment {
  return {
    root,
    env: {},
    nodeVersion: 'v20.19.0',
    platform: 'linux',
    now: new Date('2024-10-06T12:00:00Z'),
    run: runCommand,
    fetch: noNetwork,
    httpTimeoutMs: 1000,
    ...overrides,
  };
}

export function testContext(root: string, overrides: Partial<DoctorEnvironment> = {}): DoctorContext {
  return readContext(testEnvironment(root, overrides));
}
