import { PavedError } from '@paved/errors';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a workspace package's package.json the license policy reads. */
export interface WorkspaceManifest {
  /** package.json path relative to the workspace root. */
  file: string;
  name: string;
  private: boolean;
  license?: unknown;
}

/** Reads package.json of every workspace project (pnpm's importers, "." being the root). */
export function readWorkspaceManifests(root: string, importers: readonly string[]): WorkspaceManifest[] {
  return importers.map((dir) => {
    const file = dir === '.' ? 'package.json' : `${dir}/package.json`;
    let manifest: { name?: unknown; private?: unknown; license?: unknown };
    try {
      manifest = JSON.parse(readFileSync(join(root, file), 'utf-8'));
    } catch (error) {
      throw new PavedError({
        code: 'PAVED-602',
        file,
        message: `cannot read the workspace package: ${(error as Error).message}`,
        hint: 'run `pnpm install` so that pnpm-lock.yaml lists the current workspace packages',
      });
    }
    return {
      file,
      name: typeof manifest.name === 'string' ? manifest.name : dir,
      private: manifest.private === true,
      license: manifest.license,
    };
  });
}
