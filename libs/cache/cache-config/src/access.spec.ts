import { describe, expect, it } from 'vitest';
import { AccessControl, hashToken } from './access';

const access = new AccessControl({
  protectedNamespaces: ['main', 'release-*'],
  tokens: [
    { name: 'laptops', sha256: hashToken('laptop'), read: ['main'], admin: false, metrics: false },
    { name: 'ci-main', sha256: hashToken('main'), read: ['main'], write: 'main', admin: false, metrics: false },
    { name: 'ci-pr', sha256: hashToken('pr'), read: ['pr-*', 'main'], write: 'pr-*', admin: false, metrics: false },
    { name: 'mixed', sha256: hashToken('mixed'), read: ['main', 'pr-1', 'release-*'], admin: false, metrics: false },
  ],
});
const token = (secret: string) => {
  const found = access.authenticate(`Bearer ${secret}`);
  if (!found) throw new Error(`no token ${secret}`);
  return found;
};

describe('AccessControl', () => {
  it('authenticates bearer tokens by their hash', () => {
    expect(access.authenticate('Bearer pr')?.principal.name).toBe('ci-pr');
    expect(access.authenticate('bearer   laptop ')?.principal.name).toBe('laptops');
    expect(access.authenticate('Bearer wrong')).toBeUndefined();
    expect(access.authenticate('Basic cHI=')).toBeUndefined();
    expect(access.authenticate(undefined)).toBeUndefined();
  });

  it('resolves the read chain in the order the token lists it', () => {
    expect(access.readChain(token('pr'), 'pr-42')).toEqual(['pr-42', 'main']);
    expect(access.readChain(token('laptop'), 'main')).toEqual(['main']);
  });

  it('never lets a read of a protected namespace fall through to an unprotected one', () => {
    expect(access.readChain(token('pr'), 'main')).toEqual(['main']);
    expect(access.readChain(token('mixed'), 'main')).toEqual(['main']);
    expect(access.readChain(token('mixed'), 'release-3')).toEqual(['main', 'release-3']);
  });

  it('refuses a read of a namespace the token does not list', () => {
    expect(access.readChain(token('laptop'), 'pr-42')).toBeUndefined();
    expect(access.readChain(token('pr'), 'staging')).toBeUndefined();
  });

  it('lets a token write only what its write pattern matches', () => {
    expect(access.canWrite(token('pr'), 'pr-42')).toBe(true);
    expect(access.canWrite(token('pr'), 'main')).toBe(false);
    expect(access.canWrite(token('main'), 'main')).toBe(true);
    expect(access.canWrite(token('laptop'), 'main')).toBe(false);
  });
});

describe('AccessControl.rightsOf', () => {
  it('describes a read-write token in its own namespace, with the lookup order it enforces', () => {
    expect(access.rightsOf(token('pr'), 'pr-42')).toEqual({
      token: { name: 'ci-pr', admin: false },
      namespace: 'pr-42',
      protected: false,
      read: { allowed: true, lookup: ['pr-42', 'main'], patterns: ['pr-*', 'main'] },
      write: { allowed: true, pattern: 'pr-*' },
    });
  });

  it('describes the same token in a protected namespace: reads main only, may not write', () => {
    expect(access.rightsOf(token('pr'), 'main')).toMatchObject({
      protected: true,
      read: { allowed: true, lookup: ['main'] },
      write: { allowed: false, pattern: 'pr-*' },
    });
  });

  it('describes a read-only token, and one outside its namespaces', () => {
    expect(access.rightsOf(token('laptop'), 'main')).toMatchObject({
      read: { allowed: true, lookup: ['main'], patterns: ['main'] },
      write: { allowed: false, pattern: null },
    });
    expect(access.rightsOf(token('laptop'), 'pr-1')).toMatchObject({
      read: { allowed: false, lookup: [] },
      write: { allowed: false },
    });
  });
});

describe('the metrics right', () => {
  const withRights = new AccessControl({
    protectedNamespaces: ['main'],
    tokens: [
      { name: 'ci', sha256: hashToken('ci'), read: ['main'], write: 'main', admin: false, metrics: false },
      { name: 'scraper', sha256: hashToken('scraper'), read: [], admin: false, metrics: true },
      { name: 'ops', sha256: hashToken('ops'), read: ['*'], admin: true, metrics: false },
    ],
  });
  const holder = (secret: string) => withRights.authenticate(`Bearer ${secret}`) ?? expect.fail(`no token ${secret}`);

  it('is granted by the metrics flag or admin, never by read or write rights', () => {
    expect(withRights.canReadNamespaceMetrics(holder('ci'))).toBe(false);
    expect(withRights.canReadNamespaceMetrics(holder('scraper'))).toBe(true);
    expect(withRights.canReadNamespaceMetrics(holder('ops'))).toBe(true);
  });
});
