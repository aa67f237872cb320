import { DEFAULT_ADVISORY_STORE, describeImport, importAdvisories } from '@paved/advisories';
import { findWorkspaceRoot } from '@paved/conformance';
import { join, resolve } from 'node:path';

export interface AdvisoriesImportFlags {
  source: string;
  format?: 'human' | 'json';
}

/** `paved advisories import <folder|zip>`: validates and stores the snapshot scan deps reads by default. */
export async function runAdvisoriesImport(flags: AdvisoriesImportFlags, out: (text: string) => void): Promise<0> {
  const root = findWorkspaceRoot(process.cwd()) ?? process.cwd();
  const storeDir = join(root, DEFAULT_ADVISORY_STORE);
  const manifest = await importAdvisories({ source: resolve(flags.source), storeDir });
  out(
    (flags.format ?? 'human') === 'json'
      ? `${JSON.stringify({ store: storeDir, ...manifest }, null, 2)}\n`
      : describeImport(manifest),
  );
  return 0;
}
