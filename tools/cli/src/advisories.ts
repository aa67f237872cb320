import { DEFAULT_ADVISORY_STORE, importAdvisories } from '@paved/advisories';
import { findWorkspaceRoot } from '@paved/conformance';
import { PavedError } from '@paved/errors';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface AdvisoriesImportFlags {
  source: string;
  format?: 'human' | 'json';
}

/** `paved advisories import <folder|zip>`: validates and stores the snapshot scan deps reads by default. */
export async function runAdvisoriesImport(flags: AdvisoriesImportFlags, out: (text: string) => void): Promise<0> {
  const format = flags.format ?? 'human';
  const source = resolve(flags.source);
  // Checked here, not left to the import: that creates the store folder before it reads.
  if (!existsSync(source))
    throw new PavedError({
      code: 'PAVED-500',
      file: source,
      message: 'no such file or folder',
      hint: 'pass a folder or zip of OSV JSON files',
    });
  const root = findWorkspaceRoot(process.cwd()) ?? process.cwd();
  const storeDir = join(root, DEFAULT_ADVISORY_STORE);
  const manifest = await importAdvisories({ source, storeDir });
  if (format === 'json') {
    out(`${JSON.stringify({ store: storeDir, ...manifest }, null, 2)}\n`);
  } else {
    const { read, npm, otherEcosystems, withdrawn } = manifest.counts;
    out(
      `✔ imported ${npm} npm advisories (${withdrawn} withdrawn) from ${source} into ${DEFAULT_ADVISORY_STORE}/\n` +
        `  ${read} records read, ${otherEcosystems} of other ecosystems skipped\n` +
        `  snapshot date ${manifest.snapshotDate ?? 'none (no records)'} (newest modified record); imported ${manifest.importedAt}\n`,
    );
  }
  return 0;
}
