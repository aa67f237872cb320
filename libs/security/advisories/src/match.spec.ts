import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { severityOf } from './osv';
import { matchPackage } from './match';
import { AdvisorySnapshot } from './snapshot';

// Real GitHub advisories in OSV format (CC-BY 4.0; see fixtures/README.md), chosen for their edge cases.
const snapshot = AdvisorySnapshot.fromDirectory(join(__dirname, '..', 'fixtures', 'npm'));
const ids = (name: string, version: string) =>
  matchPackage(snapshot.forPackage(name), name, version)
    .map((m) => m.advisory.id)
    .sort();

describe('OSV matching against real advisories', () => {
  it('loads every record of the snapshot', () => {
    expect(snapshot.records).toHaveLength(19);
  });

  it('matches a package affected by several advisories, and none once fixed', () => {
    expect(ids('lodash', '4.17.15')).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    expect(ids('lodash', '4.17.11')).toContain('GHSA-jf85-cpcp-j695');
    expect(ids('lodash', '4.17.21')).toEqual([]);
  });

  it('handles one advisory that covers several packages', () => {
    expect(ids('lodash-es', '4.17.13')).toEqual([
      'GHSA-29mw-wpgm-hmr9',
      'GHSA-35jh-r3h4-6jhm',
      'GHSA-jf85-cpcp-j695',
      'GHSA-p6mc-m468-83gw',
    ]);
    expect(ids('lodash.defaultsdeep', '4.6.0')).toEqual(['GHSA-jf85-cpcp-j695']);
  });

  it.each([
    ['ws', '1.0.0', []],
    ['ws', '5.2.3', ['GHSA-3h5v-q93c-6h6q']],
    ['ws', '7.5.9', ['GHSA-3h5v-q93c-6h6q']],
    ['ws', '7.5.10', []],
    ['ws', '8.17.0', ['GHSA-3h5v-q93c-6h6q']],
    ['ws', '8.17.1', []],
  ])('several ranges for one package (one per release line): %s@%s', (name, version, expected) => {
    expect(ids(name, version)).toEqual(expected);
  });

  it.each([
    ['path-to-regexp', '0.1.7', true],
    ['path-to-regexp', '0.1.10', false],
    ['path-to-regexp', '1.8.0', true],
    ['path-to-regexp', '6.2.2', true],
    ['path-to-regexp', '6.3.0', false],
    ['path-to-regexp', '8.0.0', false],
  ])('ranges listed out of version order: %s@%s affected=%s', (name, version, affected) => {
    expect(ids(name, version).length > 0).toBe(affected);
  });

  it('honours last_affected (no fixed version exists)', () => {
    const [match] = matchPackage(snapshot.forPackage('lodash.trim'), 'lodash.trim', '4.5.1');
    expect(match.advisory.id).toBe('GHSA-29mw-wpgm-hmr9');
    expect(match.fixedIn).toBeUndefined();
    expect(ids('lodash.trim', '4.5.2')).toEqual([]);
  });

  it.each([
    ['5.0.0-alpha.1', true],
    ['5.0.0-beta.1', true],
    ['5.0.0-beta.3', false],
    ['5.0.0', false],
    ['4.19.1', true],
    ['4.19.2', false],
  ])('compares prereleases: express@%s affected=%s', (version, affected) => {
    expect(ids('express', version).length > 0).toBe(affected);
  });

  it('ignores withdrawn advisories', () => {
    expect(snapshot.forPackage('jsonwebtoken').map((r) => r.id)).toEqual(['GHSA-27h2-hvpr-p74q']);
    expect(ids('jsonwebtoken', '8.5.1')).toEqual([]);
  });

  it('matches package names case-insensitively', () => {
    expect(ids('axios', '1.7.2')).toEqual(['GHSA-8hc4-vh64-cxmj']);
    expect(ids('AXIOS', '1.5.0')).toEqual(['GHSA-8hc4-vh64-cxmj', 'GHSA-wf5p-g6vw-rhxx']);
  });

  it('reports the nearest fixed version above the installed one', () => {
    const fixes = matchPackage(snapshot.forPackage('minimist'), 'minimist', '0.2.0').map((m) => [
      m.advisory.id,
      m.fixedIn,
    ]);
    expect(fixes.sort()).toEqual([
      ['GHSA-vh95-rmgr-6w4m', '0.2.1'],
      ['GHSA-xvch-5gv4-984h', '0.2.4'],
    ]);
    expect(
      matchPackage(snapshot.forPackage('minimist'), 'minimist', '1.2.5').map((m) => [m.advisory.id, m.fixedIn]),
    ).toEqual([['GHSA-xvch-5gv4-984h', '1.2.6']]);
  });

  it('reads the severity level, also when the CVSS list is empty', () => {
    const bySeverity = (id: string) => severityOf(snapshot.records.find((r) => r.id === id) ?? { id });
    expect(bySeverity('GHSA-jf85-cpcp-j695')).toBe('critical');
    expect(bySeverity('GHSA-952p-6rrq-rcjv')).toBe('moderate');
    expect(bySeverity('GHSA-pxg6-pf52-xh8x')).toBe('low');
  });

  it('does not match versions that are not semver', () => {
    expect(ids('lodash', 'latest')).toEqual([]);
    expect(ids('lodash', 'link:../lodash')).toEqual([]);
  });
});

describe('AdvisorySnapshot.fromDirectory', () => {
  it('names a missing folder', () => {
    expect(() => AdvisorySnapshot.fromDirectory('/no/such/folder')).toThrow(/advisory snapshot folder not found/);
  });
});
