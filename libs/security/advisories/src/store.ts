import { PavedError } from '@paved/errors';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { type OsvRecord } from './osv';
import { npmPart, parseRecord, readRecordFiles, requireRecordSource } from './records';

/** The manifest of an imported snapshot: `.paved/advisories/snapshot.json`. */
export interface SnapshotManifest {
  format: 1;
  /** The newest `modified` among the records: how current the data is (not when it was copied). */
  snapshotDate: string | null;
  importedAt: string;
  /** The folder or zip it was imported from, as given. */
  source: string;
  /** The JSON-lines file holding the npm records, named by its content hash. */
  dataFile: string;
  sha256: string;
  counts: { read: number; npm: number; otherEcosystems: number; withdrawn: number };
}

export const MANIFEST_FILE = 'snapshot.json';
/** Where `paved advisories import` keeps the snapshot, relative to the workspace root. */
export const DEFAULT_ADVISORY_STORE = '.paved/advisories';

export interface ImportRequest {
  /** A folder or zip of OSV JSON files. */
  source: string;
  /** Where the store lives, e.g. <workspace>/.paved/advisories. */
  storeDir: string;
  now?: Date;
}

/**
 * Imports a folder or zip of OSV records into the store, keeping npm records
 * only, compacted to one JSON line each. All or nothing: one malformed record
 * aborts the import and the previous snapshot stays as it was. The data file is
 * written under a temporary name, then `snapshot.json` (which names it) is
 * renamed into place: that rename is the commit point, and rename is atomic.
 */
export async function importAdvisories(request: ImportRequest): Promise<SnapshotManifest> {
  // Checked before the store folder is made: a mistyped source leaves nothing behind.
  requireRecordSource(request.source);
  const storeDir = resolve(request.storeDir);
  mkdirSync(storeDir, { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tempData = join(storeDir, `.import-${suffix}.jsonl`);
  const tempManifest = join(storeDir, `.import-${suffix}.json`);
  const hash = createHash('sha256');
  const counts = { read: 0, npm: 0, otherEcosystems: 0, withdrawn: 0 };
  let newest: string | null = null;
  const out = createWriteStream(tempData);
  try {
    for await (const file of readRecordFiles(request.source)) {
      const record = parseRecord(file);
      counts.read += 1;
      const npm = npmPart(record);
      if (!npm) {
        counts.otherEcosystems += 1;
        continue;
      }
      counts.npm += 1;
      if (npm.withdrawn) counts.withdrawn += 1;
      if (npm.modified && (newest === null || Date.parse(npm.modified) > Date.parse(newest))) newest = npm.modified;
      const line = `${JSON.stringify(npm)}\n`;
      hash.update(line);
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
    const sha256 = hash.digest('hex');
    const manifest: SnapshotManifest = {
      format: 1,
      snapshotDate: newest,
      importedAt: (request.now ?? new Date()).toISOString(),
      source: request.source,
      dataFile: `advisories-${sha256.slice(0, 16)}.jsonl`,
      sha256,
      counts,
    };
    renameSync(tempData, join(storeDir, manifest.dataFile));
    const manifestStream = createWriteStream(tempManifest);
    manifestStream.end(`${JSON.stringify(manifest, null, 2)}\n`);
    await once(manifestStream, 'close');
    renameSync(tempManifest, join(storeDir, MANIFEST_FILE));
    removeStaleFiles(storeDir, manifest.dataFile);
    return manifest;
  } catch (error) {
    out.destroy();
    rmSync(tempData, { force: true });
    rmSync(tempManifest, { force: true });
    throw error;
  }
}

/** What `paved advisories import` says it did, for a person. */
export function describeImport(manifest: SnapshotManifest): string {
  const { read, npm, otherEcosystems, withdrawn } = manifest.counts;
  return (
    `✔ imported ${npm} npm advisories (${withdrawn} withdrawn) from ${manifest.source} into ${DEFAULT_ADVISORY_STORE}/\n` +
    `  ${read} records read, ${otherEcosystems} of other ecosystems skipped\n` +
    `  snapshot date ${manifest.snapshotDate ?? 'none (no records)'} (newest modified record); imported ${manifest.importedAt}\n`
  );
}

/** Earlier data files and leftovers of killed imports; the committed manifest names the one to keep. */
function removeStaleFiles(storeDir: string, keep: string): void {
  for (const name of readdirSync(storeDir)) {
    if (
      name !== keep &&
      name !== MANIFEST_FILE &&
      (name.startsWith('.import-') || /^advisories-.*\.jsonl$/.test(name))
    ) {
      rmSync(join(storeDir, name), { force: true });
    }
  }
}

export function isStore(dir: string): boolean {
  return existsSync(join(dir, MANIFEST_FILE));
}

/**
 * The manifest of an imported store, checked for shape and for the data file it names (not the
 * data's hash: that needs the whole file, which readStore reads anyway).
 */
export function readStoreManifest(dir: string): SnapshotManifest {
  const manifestPath = join(dir, MANIFEST_FILE);
  let manifest: SnapshotManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf-8')) as SnapshotManifest;
  } catch (error) {
    throw corruptStore(manifestPath, `unreadable manifest: ${(error as Error).message}`);
  }
  if (
    manifest?.format !== 1 ||
    typeof manifest.dataFile !== 'string' ||
    !/^advisories-[0-9a-f]+\.jsonl$/.test(manifest.dataFile) ||
    (manifest.snapshotDate !== null && Number.isNaN(Date.parse(String(manifest.snapshotDate))))
  ) {
    throw corruptStore(manifestPath, 'not a Paved advisory manifest (format 1)');
  }
  const dataPath = join(dir, manifest.dataFile);
  if (!existsSync(dataPath)) throw corruptStore(dataPath, 'the data file the manifest names is missing');
  return manifest;
}

/** Reads an imported store: its manifest and records, checking the data file against the manifest's hash. */
export function readStore(dir: string): { manifest: SnapshotManifest; records: OsvRecord[] } {
  const manifest = readStoreManifest(dir);
  const dataPath = join(dir, manifest.dataFile);
  const data = readFileSync(dataPath);
  if (createHash('sha256').update(data).digest('hex') !== manifest.sha256) {
    throw corruptStore(dataPath, 'the data file does not match the hash in snapshot.json');
  }
  const text = data.toString('utf-8');
  const records =
    text === ''
      ? []
      : text
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as OsvRecord);
  return { manifest, records };
}

function corruptStore(file: string, message: string): PavedError {
  return new PavedError({
    code: 'PAVED-502',
    file,
    message,
    hint: 'import the snapshot again: paved advisories import <folder|zip>',
  });
}
