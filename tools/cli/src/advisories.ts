import { DEFAULT_ADVISORY_STORE, importAdvisories } from '@paved/advisories';
import { findWorkspaceRoot } from '@paved/conformance';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { usage } from './args';

export interface AdvisoriesImportFlags {
  source?: string;
  format?: string;
}

const formats = ['human', 'json'] as const;

/** `paved advisories import <folder|zip>`: validates and stores the snapshot scan deps reads by default. */
export async function runAdvisoriesImport(flags: AdvisoriesImportFlags, out: (text: string) => void): Promise<0> {
  const format = (flags.format ?? 'human') as (typeof formats)[number];
  if (!formats.includes(format))
    throw usage(`--format must be one of ${formats.join(', ')} for advisories import, got "${flags.format}"`);
  if (!flags.source) throw usage('advisories import needs a folder or zip of OSV JSON files');
  const source = resolve(flags.source);
  if (!existsSync(source)) throw usage(`advisories import: ${source}: no such file or folder`);
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
