import { PavedError } from '@paved/errors';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeName } from './match';
import { type OsvRecord } from './osv';

/** An offline advisory snapshot: OSV records indexed by (lower-case) npm package name. */
export class AdvisorySnapshot {
  private readonly byPackage = new Map<string, OsvRecord[]>();

  constructor(readonly records: readonly OsvRecord[]) {
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

  /** Reads every *.json OSV record in a folder (the layout of osv.dev's npm/all.zip, unpacked). */
  static fromDirectory(dir: string): AdvisorySnapshot {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new PavedError({
        code: 'PAVED-002',
        file: dir,
        message: 'advisory snapshot folder not found',
        hint: 'pass a folder of OSV JSON files',
      });
    }
    const records: OsvRecord[] = [];
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      try {
        const record = JSON.parse(readFileSync(join(dir, name), 'utf-8')) as OsvRecord;
        if (typeof record.id === 'string') records.push(record);
      } catch (error) {
        throw new PavedError({
          code: 'PAVED-002',
          file: join(dir, name),
          message: `not an OSV JSON record: ${(error as Error).message}`,
        });
      }
    }
    return new AdvisorySnapshot(records);
  }
}
