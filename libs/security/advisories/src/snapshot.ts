import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeName } from './match';
import { type OsvRecord } from './osv';
import { noAdvisories, npmPart, parseRecord, readRecordFiles } from './records';
import { isStore, readStore } from './store';

/** Where a snapshot came from and how current it is. */
export interface SnapshotInfo {
  kind: 'store' | 'folder' | 'zip';
  /** The path read (for a store, the folder it was imported from is in `importedFrom`). */
  path: string;
  importedFrom?: string;
  importedAt?: string;
  /** Newest `modified` of its records; null for an empty snapshot. */
  snapshotDate: string | null;
}

/** An offline advisory snapshot: OSV records indexed by (lower-case) npm package name. */
export class AdvisorySnapshot {
  private readonly byPackage = new Map<string, OsvRecord[]>();

  constructor(
    readonly records: readonly OsvRecord[],
    readonly info: SnapshotInfo = { kind: 'folder', path: '', snapshotDate: newestModified(records) },
  ) {
    for (const record of records) {
      const names = new Set(
        (record.affected ?? []).filter((a) => a.package.ecosystem === 'npm').map((a) => normalizeName(a.package.name)),
      );
      for (const name of names) this.byPackage.set(name, [...(this.byPackage.get(name) ?? []), record]);
    }
  }

  forPackage(name: string): readonly OsvRecord[] {
    return this.byPackage.get(normalizeName(name)) ?? [];
  }

  /**
   * Reads a snapshot from any of its three forms: a store made by
   * `paved advisories import` (has snapshot.json), a folder of OSV JSON files,
   * or a zip of them (osv.dev's npm/all.zip).
   */
  static async load(path: string): Promise<AdvisorySnapshot> {
    if (!existsSync(path)) {
      throw noAdvisories(
        path,
        'no advisory snapshot here',
        'import one with `paved advisories import <folder|zip>`, or pass --advisories <folder|zip>',
      );
    }
    if (statSync(path).isDirectory()) {
      if (isStore(path)) {
        const { manifest, records } = readStore(path);
        return new AdvisorySnapshot(records, {
          kind: 'store',
          path,
          importedFrom: manifest.source,
          importedAt: manifest.importedAt,
          snapshotDate: manifest.snapshotDate,
        });
      }
      return AdvisorySnapshot.fromDirectory(path);
    }
    const records: OsvRecord[] = [];
    for await (const file of readRecordFiles(path)) {
      const npm = npmPart(parseRecord(file));
      if (npm) records.push(npm);
    }
    return new AdvisorySnapshot(records, { kind: 'zip', path, snapshotDate: newestModified(records) });
  }

  /** Reads every *.json OSV record in a folder (the layout of osv.dev's npm/all.zip, unpacked). */
  static fromDirectory(dir: string): AdvisorySnapshot {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw noAdvisories(dir, 'advisory snapshot folder not found', 'pass a folder of OSV JSON files');
    }
    const records = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((name) => parseRecord({ file: join(dir, name), text: readFileSync(join(dir, name), 'utf-8') }));
    return new AdvisorySnapshot(records, { kind: 'folder', path: dir, snapshotDate: newestModified(records) });
  }
}

function newestModified(records: readonly OsvRecord[]): string | null {
  let newest: string | null = null;
  for (const { modified } of records) {
    if (modified && (newest === null || Date.parse(modified) > Date.parse(newest))) newest = modified;
  }
  return newest;
}

export interface Staleness {
  ageDays: number | null;
  maxAgeDays: number;
  stale: boolean;
}

/** How old the newest advisory is, against the allowed age; an empty snapshot counts as stale. */
export function stalenessOf(info: SnapshotInfo, maxAgeDays: number, now: Date = new Date()): Staleness {
  if (!info.snapshotDate) return { ageDays: null, maxAgeDays, stale: true };
  const ageDays = Math.floor((now.getTime() - Date.parse(info.snapshotDate)) / 86_400_000);
  return { ageDays, maxAgeDays, stale: ageDays > maxAgeDays };
}
