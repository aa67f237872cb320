import { describe, expect, it } from 'vitest';
import { type Fetch } from '../environment';
import { tempWorkspace, testContext } from '../testing-context';
import { checkNxRemoteCache, checkTurboRemoteCache, type TokenRights } from './remote-cache';

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A fetch answering by path and Authorization header; records every call in `calls`. */
function fakeServer(
  answer: (path: string, authorization: string | undefined) => { status: number; body?: unknown },
  calls: Call[] = [],
): Fetch {
  return async (url, init) => {
    calls.push({ url, headers: init.headers });
    const reply = answer(new URL(url).pathname, init.headers.authorization);
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? '');
    return { status: reply.status, text: async () => text };
  };
}

const rights = (overrides: Partial<TokenRights> = {}): TokenRights => ({
  token: { name: 'ci-pr', admin: false },
  namespace: 'pr-7',
  protected: false,
  read: { allowed: true, lookup: ['pr-7', 'main'], patterns: ['pr-*', 'main'] },
  write: { allowed: true, pattern: 'pr-*' },
  ...overrides,
});

/** Paved's server: /healthz, and /v1/paved/token for the one token it knows. */
const paved = (answer: TokenRights, calls: Call[] = []) =>
  fakeServer((path, authorization) => {
    if (path === '/healthz') return { status: 200, body: 'ok' };
    if (path.endsWith('/v1/paved/token')) {
      return authorization === 'Bearer tok-secret'
        ? { status: 200, body: answer }
        : { status: 401, body: 'missing or invalid bearer token' };
    }
    return { status: 404, body: 'unknown route' };
  }, calls);

const nxEnv = (server: string, token?: string) => ({
  NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server,
  ...(token ? { NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token } : {}),
});
const root = tempWorkspace();

describe('checkNxRemoteCache', () => {
  it('passes when nothing is configured, and warns a token without a server', async () => {
    expect((await checkNxRemoteCache(testContext(root))).verdict).toBe('pass');
    const tokenOnly = await checkNxRemoteCache(
      testContext(root, { env: { NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: 't' } }),
    );
    expect(tokenOnly).toMatchObject({
      verdict: 'warn',
      reason: expect.stringContaining('NX_SELF_HOSTED_REMOTE_CACHE_SERVER is not'),
    });
  });

  it('asks /healthz at the origin and /v1/paved/token under the namespace prefix, with the bearer token', async () => {
    const calls: Call[] = [];
    const fetch = paved(rights(), calls);
    const outcome = await checkNxRemoteCache(
      testContext(root, { env: nxEnv('http://cache.test:3000/ns/pr-7/', 'tok-secret'), fetch }),
    );
    expect(calls).toEqual([
      { url: 'http://cache.test:3000/healthz', headers: {} },
      { url: 'http://cache.test:3000/ns/pr-7/v1/paved/token', headers: { authorization: 'Bearer tok-secret' } },
    ]);
    expect(outcome).toMatchObject({
      verdict: 'pass',
      reason: 'token "ci-pr" at http://cache.test:3000/ns/pr-7: reads pr-7, then main; writes pr-7',
      details: {
        token: 'ci-pr',
        namespace: 'pr-7',
        read: { allowed: true },
        write: { allowed: true, pattern: 'pr-*' },
      },
    });
  });

  it('keeps a path prefix of the base URL for both requests', async () => {
    const calls: Call[] = [];
    await checkNxRemoteCache(
      testContext(root, {
        env: nxEnv('https://proxy.test/cache/ns/main', 'tok'),
        fetch: fakeServer(() => ({ status: 404 }), calls),
      }),
    );
    expect(calls.map((c) => c.url)).toEqual([
      'https://proxy.test/cache/healthz',
      'https://proxy.test/cache/ns/main/v1/paved/token',
    ]);
  });

  it('passes a read-only token and says uploads are refused', async () => {
    const readOnly = rights({
      token: { name: 'laptops', admin: false },
      namespace: 'main',
      protected: true,
      read: { allowed: true, lookup: ['main'], patterns: ['main'] },
      write: { allowed: false, pattern: null },
    });
    const outcome = await checkNxRemoteCache(
      testContext(root, { env: nxEnv('http://cache.test', 'tok-secret'), fetch: paved(readOnly) }),
    );
    expect(outcome.verdict).toBe('pass');
    expect(outcome.reason).toBe(
      'token "laptops" at http://cache.test: reads main; read-only in main (uploads are refused with 403, which Nx ignores)',
    );
  });

  it('warns a token that may do nothing in the namespace, or only write', async () => {
    const nothing = rights({
      read: { allowed: false, lookup: [], patterns: ['main'] },
      write: { allowed: false, pattern: null },
    });
    expect(
      await checkNxRemoteCache(
        testContext(root, { env: nxEnv('http://cache.test/ns/pr-7', 'tok-secret'), fetch: paved(nothing) }),
      ),
    ).toMatchObject({
      verdict: 'warn',
      reason:
        'token "ci-pr" at http://cache.test/ns/pr-7 may neither read nor write namespace "pr-7": the remote cache does nothing',
    });
    const writeOnly = rights({ read: { allowed: false, lookup: [], patterns: [] } });
    expect(
      (
        await checkNxRemoteCache(
          testContext(root, { env: nxEnv('http://cache.test', 'tok-secret'), fetch: paved(writeOnly) }),
        )
      ).reason,
    ).toContain('may write namespace "pr-7" but not read it');
  });

  it('fails a token the server rejects, and a missing token the server requires', async () => {
    const wrong = await checkNxRemoteCache(
      testContext(root, { env: nxEnv('http://cache.test', 'tok-wrong'), fetch: paved(rights()) }),
    );
    expect(wrong).toMatchObject({
      verdict: 'fail',
      reason: 'http://cache.test rejects the token in NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN (401)',
    });
    const none = await checkNxRemoteCache(
      testContext(root, { env: nxEnv('http://cache.test'), fetch: paved(rights()) }),
    );
    expect(none.reason).toBe(
      'http://cache.test requires a token and NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN is not set',
    );
  });

  it("reports a server that is not Paved's as reachable with rights unknown, not as failing", async () => {
    const foreign = fakeServer((path) => (path === '/healthz' ? { status: 404 } : { status: 404, body: 'Not Found' }));
    const outcome = await checkNxRemoteCache(
      testContext(root, { env: nxEnv('http://other.test', 'tok'), fetch: foreign }),
    );
    expect(outcome).toMatchObject({ verdict: 'warn', details: { reachable: true, healthz: 404 } });
    expect(outcome.reason).toBe(
      "http://other.test is reachable; the token's rights are unknown (/v1/paved/token answered 404: not a Paved cache server, or an older one)",
    );
    // A 200 that is not the rights shape is no better than a 404.
    const odd = fakeServer(() => ({ status: 200, body: '<html></html>' }));
    expect(
      (await checkNxRemoteCache(testContext(root, { env: nxEnv('http://other.test', 'tok'), fetch: odd }))).verdict,
    ).toBe('warn');
  });

  it('fails an unreachable server, one that times out, and one whose /healthz is 5xx', async () => {
    const refused: Fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    };
    expect(
      await checkNxRemoteCache(testContext(root, { env: nxEnv('http://127.0.0.1:9', 't'), fetch: refused })),
    ).toMatchObject({
      verdict: 'fail',
      reason: 'http://127.0.0.1:9 is unreachable: ECONNREFUSED',
      hint: expect.stringContaining('Nx fails cached tasks'),
      details: { reachable: false },
    });
    const slow: Fetch = async () => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    };
    expect(
      (await checkNxRemoteCache(testContext(root, { env: nxEnv('http://cache.test', 't'), fetch: slow }))).reason,
    ).toBe('http://cache.test is unreachable: no answer within 1000 ms');
    const sick = fakeServer(() => ({ status: 503 }));
    expect(
      (await checkNxRemoteCache(testContext(root, { env: nxEnv('http://cache.test', 't'), fetch: sick }))).reason,
    ).toBe('http://cache.test answers /healthz with 503');
  });

  it('fails a server variable that is not an http(s) URL', async () => {
    for (const server of ['cache.test:3000', 'ftp://cache.test']) {
      expect((await checkNxRemoteCache(testContext(root, { env: nxEnv(server, 't') }))).reason).toBe(
        'NX_SELF_HOSTED_REMOTE_CACHE_SERVER is not an http(s) URL',
      );
    }
  });

  it('never reports the token, nor credentials in the URL', async () => {
    // Built in parts, so the test file itself holds no URL with credentials.
    const withCredentials = new URL('http://cache.test/?key=abc');
    withCredentials.username = 'user';
    withCredentials.password = 'hunter2';
    const outcome = await checkNxRemoteCache(
      testContext(root, {
        env: nxEnv(withCredentials.href, 'tok-secret'),
        fetch: paved(rights()),
      }),
    );
    const text = JSON.stringify(outcome);
    expect(text).not.toContain('tok-secret');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('key=abc');
    expect(outcome.details?.server).toBe('http://cache.test');
  });
});

describe('checkTurboRemoteCache', () => {
  const turbo = (env: Record<string, string>, fetch: Fetch = paved(rights())) =>
    checkTurboRemoteCache(testContext(root, { env, fetch }));

  it('passes when nothing is configured and asks the server when all three are set', async () => {
    expect((await turbo({})).verdict).toBe('pass');
    const outcome = await turbo({
      TURBO_API: 'http://cache.test/ns/pr-7',
      TURBO_TOKEN: 'tok-secret',
      TURBO_TEAM: 'acme',
    });
    expect(outcome).toMatchObject({ verdict: 'pass', details: { team: 'acme', token: 'ci-pr', namespace: 'pr-7' } });
    expect(outcome.reason).toContain('writes pr-7');
  });

  it('warns the settings with which Turborepo uses no remote cache', async () => {
    expect((await turbo({ TURBO_API: 'http://cache.test', TURBO_TEAM: 'acme' })).reason).toBe(
      'TURBO_TOKEN is not set: Turborepo uses no remote cache',
    );
    expect((await turbo({ TURBO_API: 'http://cache.test', TURBO_TOKEN: 'tok-secret' })).reason).toBe(
      'TURBO_TOKEN is set without TURBO_TEAM: Turborepo disables remote caching',
    );
    // TURBO_TEAMID is a team too.
    expect(
      (await turbo({ TURBO_API: 'http://cache.test', TURBO_TOKEN: 'tok-secret', TURBO_TEAMID: 'team_1' })).verdict,
    ).toBe('pass');
  });

  it("does not probe Vercel's hosted cache", async () => {
    const calls: Call[] = [];
    const outcome = await turbo(
      { TURBO_TOKEN: 't', TURBO_TEAM: 'acme' },
      fakeServer(() => ({ status: 200 }), calls),
    );
    expect(outcome.verdict).toBe('pass');
    expect(calls).toEqual([]);
  });

  it('fails an unreachable TURBO_API with what Turborepo does then', async () => {
    const outcome = await turbo({ TURBO_API: 'http://127.0.0.1:9', TURBO_TOKEN: 't', TURBO_TEAM: 'acme' }, async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    expect(outcome).toMatchObject({ verdict: 'fail', hint: expect.stringContaining('Turborepo carries on') });
  });
});
