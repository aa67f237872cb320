import { type PavedError } from '@paved/errors';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdvisorySnapshot, stalenessOf } from './snapshot';
import { npmPart } from './records';
import { describeImport, importAdvisories, MANIFEST_FILE, readStoreManifest } from './store';

const fixtures = join(__dirname, '..', 'fixtures', 'npm');
const now = new Date('2024-10-06T12:00:00Z');

/** A zip shaped like osv.dev's all.zip: OSV files at its root, here plus one PyPI record. */
function zipOfFixtures(dir: string, extra: Record<string, string> = {}, zipFlags: string[] = []): string {
  const staging = join(dir, 'staging');
  cpSync(fixtures, staging, { recursive: true });
  writeFileSync(
    join(staging, 'PYSEC-2099-1.json'),
    JSON.stringify({
      id: 'PYSEC-2099-1',
      modified: '2099-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'PyPI', name: 'requests' } }],
    }),
  );
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(staging, name), text);
  const zip = join(dir, 'all.zip');
  execFileSync('zip', ['-q', '-r', ...zipFlags, zip, '.'], { cwd: staging });
  return zip;
}

/** An npm record with one SEMVER range of `events` (JSON text), and more top-level fields. */
const npmRange = (events: string, more = '') =>
  `{"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "SEMVER", "events": ${events}}]}]${more}}`;

async function refusal(promise: Promise<unknown>): Promise<PavedError> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: PavedError) => error,
  );
}

describe('importAdvisories', () => {
  it('streams a zip, keeps npm records only and records the snapshot date, time, source and counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-import-'));
    const zip = zipOfFixtures(dir);
    const store = join(dir, 'store');
    const manifest = await importAdvisories({ source: zip, storeDir: store, now });
    expect(manifest).toMatchObject({
      format: 1,
      snapshotDate: '2024-10-04T20:31:00Z',
      importedAt: now.toISOString(),
      source: zip,
      counts: { read: 20, npm: 19, otherEcosystems: 1, withdrawn: 1 },
    });
    expect(readdirSync(store).sort()).toEqual([manifest.dataFile, MANIFEST_FILE].sort());
    const snapshot = await AdvisorySnapshot.load(store);
    expect(snapshot.records).toHaveLength(19);
    expect(snapshot.forPackage('lodash').map((r) => r.id)).toContain('GHSA-35jh-r3h4-6jhm');
    expect(snapshot.info).toMatchObject({ kind: 'store', importedFrom: zip, snapshotDate: '2024-10-04T20:31:00Z' });
  });

  it('refuses a source that does not exist (PAVED-500) before it makes the store folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-import-'));
    const error = await refusal(importAdvisories({ source: join(dir, 'all.zip'), storeDir: join(dir, 'store') }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: 'PAVED-500',
        file: join(dir, 'all.zip'),
        message: 'no such file or folder',
        hint: 'pass a folder or zip of OSV JSON files',
      }),
    ]);
    expect(existsSync(join(dir, 'store'))).toBe(false);
  });

  it('describes an import: counts, source, store, snapshot date and import time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-import-'));
    const zip = zipOfFixtures(dir);
    const manifest = await importAdvisories({ source: zip, storeDir: join(dir, 'store'), now });
    expect(describeImport(manifest)).toBe(
      `✔ imported 19 npm advisories (1 withdrawn) from ${zip} into .paved/advisories/\n` +
        '  20 records read, 1 of other ecosystems skipped\n' +
        `  snapshot date 2024-10-04T20:31:00Z (newest modified record); imported ${now.toISOString()}\n`,
    );
    expect(describeImport({ ...manifest, snapshotDate: null })).toContain('snapshot date none (no records)');
  });

  it.each([
    ['deflated', []],
    ['stored', ['-0']],
  ])('reads a zip of %s entries directly with the same records as the folder', async (_, zipFlags) => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-import-'));
    const fromZip = await AdvisorySnapshot.load(zipOfFixtures(dir, {}, zipFlags));
    const fromFolder = AdvisorySnapshot.fromDirectory(fixtures);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...fromZip.records].sort(byId)).toEqual(
      fromFolder.records.flatMap((record) => npmPart(record) ?? []).sort(byId),
    );
    expect(fromZip.info.kind).toBe('zip');
  });

  it('aborts on one malformed record, naming it, and leaves the previous snapshot untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-import-'));
    const store = join(dir, 'store');
    const first = await importAdvisories({ source: fixtures, storeDir: store, now });
    const before = readFileSync(join(store, MANIFEST_FILE), 'utf-8');

    const badZip = zipOfFixtures(join(dir, 'bad'), {
      'GHSA-zzzz-zzzz-zzzz.json': JSON.stringify({ id: 'GHSA-zzzz-zzzz-zzzz', modified: 'yesterday' }),
    });
    const error = await refusal(importAdvisories({ source: badZip, storeDir: store }));
    expect(error.code).toBe('PAVED-501');
    expect(error.message).toContain('all.zip!GHSA-zzzz-zzzz-zzzz.json');
    expect(error.message).toContain('"modified" is missing or not a date');
    expect(readFileSync(join(store, MANIFEST_FILE), 'utf-8')).toBe(before);
    expect(readdirSync(store).sort()).toEqual([first.dataFile, MANIFEST_FILE].sort());
  });

  it.each([
    ['{"id": "X-1", ', 'not JSON'],
    ['[]', 'not a JSON object'],
    ['{"modified": "2024-01-01T00:00:00Z"}', '"id" is missing'],
    [
      '{"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"name": "a"}}]}',
      'affected[0].package needs an ecosystem and a name',
    ],
    [
      '{"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "SEMVER"}]}]}',
      'affected[0].ranges[0].events is not a list',
    ],
    [npmRange('[null]'), 'affected[0].ranges[0].events[0] is null, not an event'],
    [npmRange('[{"introduced": 5}]'), 'affected[0].ranges[0].events[0].introduced is number, not a version string'],
    [npmRange('[{"introduced": "0"}, {"fixed": "soon"}]'), 'events[1].fixed "soon" is not an npm (semver) version'],
    [npmRange('[{"introduced": "0", "fixed": "1.0.0"}]'), 'events[0] needs exactly one of introduced'],
    [npmRange('[]', ', "severity": 9'), '"severity" is not a list of { type, score } strings'],
    [npmRange('[]', ', "database_specific": {"severity": 7}'), '"database_specific.severity" is number'],
    [npmRange('[]', ', "aliases": "CVE-1"'), '"aliases" is not a list of strings'],
  ])('refuses the record %s: %s', async (text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-import-'));
    writeFileSync(join(dir, 'X-1.json'), text);
    const error = await refusal(importAdvisories({ source: dir, storeDir: join(dir, 'store') }));
    expect(error.message).toContain(join(dir, 'X-1.json'));
    expect(error.message).toContain(message);
    expect(readdirSync(join(dir, 'store'))).toEqual([]);
  });

  it('refuses a zip entry larger than any OSV record without inflating it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-import-'));
    const bomb = zipOfFixtures(join(dir, 'bomb'), {
      'GHSA-big.json': `{"id": "GHSA-big", "pad": "${' '.repeat(6 * 1024 * 1024)}"}`,
    });
    const error = await refusal(importAdvisories({ source: bomb, storeDir: join(dir, 'store') }));
    expect(error.code).toBe('PAVED-500');
    expect(error.message).toContain('GHSA-big.json');
    expect(error.message).toMatch(/declares \d+ bytes, more than the 4194304/);
  });

  it('refuses a file that is not a zip, and a store whose data no longer matches its manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-import-'));
    writeFileSync(join(dir, 'all.zip'), 'not a zip');
    const notZip = await refusal(importAdvisories({ source: join(dir, 'all.zip'), storeDir: join(dir, 'store') }));
    expect(notZip.code).toBe('PAVED-500');
    expect(notZip.message).toContain('cannot read the zip');

    const manifest = await importAdvisories({ source: fixtures, storeDir: join(dir, 'store') });
    writeFileSync(join(dir, 'store', manifest.dataFile), '{}\n');
    const corrupt = await refusal(AdvisorySnapshot.load(join(dir, 'store')));
    expect(corrupt.code).toBe('PAVED-502');
    expect(corrupt.message).toContain('does not match the hash');
  });
});

describe('readStoreManifest', () => {
  const refusalOf = (dir: string): PavedError => {
    try {
      readStoreManifest(dir);
    } catch (error) {
      return error as PavedError;
    }
    throw new Error('expected a refusal');
  };

  it('reads the manifest of an imported store without reading its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-manifest-'));
    const imported = await importAdvisories({ source: fixtures, storeDir: dir, now });
    expect(readStoreManifest(dir)).toEqual(imported);
  });

  it('refuses a manifest that is not JSON, not format 1, badly dated, or names a missing data file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-manifest-'));
    const imported = await importAdvisories({ source: fixtures, storeDir: dir, now });
    const manifestPath = join(dir, MANIFEST_FILE);
    const cases: [string, string][] = [
      ['{', 'unreadable manifest'],
      [JSON.stringify({ ...imported, format: 2 }), 'not a Paved advisory manifest'],
      [JSON.stringify({ ...imported, snapshotDate: 'last week' }), 'not a Paved advisory manifest'],
      [
        JSON.stringify({ ...imported, dataFile: 'advisories-0000.jsonl' }),
        'the data file the manifest names is missing',
      ],
    ];
    for (const [text, message] of cases) {
      writeFileSync(manifestPath, text);
      const error = refusalOf(dir);
      expect(error.code).toBe('PAVED-502');
      expect(error.message).toContain(message);
    }
  });
});

describe('stalenessOf', () => {
  it('compares the newest advisory against the allowed age; an empty snapshot is stale', () => {
    const info = { kind: 'store' as const, path: '', snapshotDate: '2024-10-04T20:31:00Z' };
    expect(stalenessOf(info, 7, now)).toEqual({ ageDays: 1, maxAgeDays: 7, stale: false });
    expect(stalenessOf(info, 7, new Date('2024-10-20T00:00:00Z'))).toEqual({ ageDays: 15, maxAgeDays: 7, stale: true });
    expect(stalenessOf({ ...info, snapshotDate: null }, 7, now).stale).toBe(true);
  });
});
