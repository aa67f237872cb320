import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPnpmLockfile } from './lockfile';
import { failsAt, findVulnerabilities } from './scan';
import { AdvisorySnapshot } from './snapshot';

const fixtures = join(__dirname, '..', 'fixtures');
const lockfile = readFileSync(join(fixtures, 'lockfiles', 'pnpm-lock.yaml'), 'utf-8');
const snapshot = AdvisorySnapshot.fromDirectory(join(fixtures, 'npm'));

describe('readPnpmLockfile', () => {
  const installed = readPnpmLockfile(lockfile);

  it('lists every installed package of every importer, transitive ones included, and skips workspace links', () => {
    expect(installed.map((p) => `${p.name}@${p.version}`)).toEqual([
      'body-parser@1.19.0',
      'cookie@0.4.0',
      'express@4.17.0',
      'lodash@4.17.21',
      'minimist@1.2.5',
      'path-to-regexp@0.1.7',
      'ws@8.17.0',
      'ws-plugin@1.0.0',
    ]);
  });

  it('records the path from each importer, peers stripped from versions', () => {
    const byName = Object.fromEntries(installed.map((p) => [p.name, p.paths]));
    expect(byName['body-parser']).toEqual([
      '. > express@4.17.0 > body-parser@1.19.0',
      'libs/lib > express@4.17.0 > body-parser@1.19.0',
    ]);
    expect(byName.ws).toEqual(['apps/api > ws-plugin@1.0.0 > ws@8.17.0']);
  });

  it('refuses what it cannot read, naming the file', () => {
    expect(() => readPnpmLockfile("lockfileVersion: '5.4'\n", 'old.yaml')).toThrow(
      /^PAVED-503 old.yaml: unsupported lockfile version 5.4/,
    );
    expect(() => readPnpmLockfile('importers: [', 'broken.yaml')).toThrow(/^PAVED-503 broken.yaml: not valid YAML/);
  });
});

describe('findVulnerabilities', () => {
  const found = findVulnerabilities(readPnpmLockfile(lockfile), snapshot);

  it('reports package, installed version, advisory, severity, fixed version and importer path, most severe first', () => {
    expect(found.map((v) => [v.package, v.version, v.advisory, v.severity, v.fixedIn])).toEqual([
      ['minimist', '1.2.5', 'GHSA-xvch-5gv4-984h', 'critical', '1.2.6'],
      ['body-parser', '1.19.0', 'GHSA-qwcr-r2fm-qrc7', 'high', '1.20.3'],
      ['path-to-regexp', '0.1.7', 'GHSA-9wv6-86v2-598j', 'high', '0.1.10'],
      ['ws', '8.17.0', 'GHSA-3h5v-q93c-6h6q', 'high', '8.17.1'],
      ['express', '4.17.0', 'GHSA-rv95-896h-c2vc', 'moderate', '4.19.2'],
      ['cookie', '0.4.0', 'GHSA-pxg6-pf52-xh8x', 'low', '0.7.0'],
    ]);
    expect(found[0].paths).toEqual(['apps/api > minimist@1.2.5']);
    expect(found[0].aliases.length).toBeGreaterThan(0);
  });

  it('leaves fixed versions alone (lodash 4.17.21)', () => {
    expect(found.some((v) => v.package === 'lodash')).toBe(false);
  });

  it('fails at or above the --fail-on level', () => {
    expect(failsAt(found, 'critical')).toBe(true);
    expect(
      failsAt(
        found.filter((v) => v.severity !== 'critical'),
        'critical',
      ),
    ).toBe(false);
    expect(
      failsAt(
        found.filter((v) => v.severity === 'low'),
        'moderate',
      ),
    ).toBe(false);
    expect(failsAt([], 'low')).toBe(false);
  });
});
