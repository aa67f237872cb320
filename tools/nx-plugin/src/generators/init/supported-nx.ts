import type { Tree } from '@nx/devkit';
import { PavedError } from '@paved/errors';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// This module loads nothing of Nx: init's entry checks the workspace with it before it loads the
// code that needs @nx/devkit, so an unsupported Nx gets a coded refusal, not a crash inside Nx.

/** The Nx majors Paved is proven against (an e2e run per major). */
export const SUPPORTED_NX_MAJORS = [22, 23] as const;

/** The version of the nx package the workspace has installed (the one running this generator). */
export function installedNxVersion(root: string): string {
  return (createRequire(join(root, 'package.json'))('nx/package.json') as { version: string }).version;
}

/**
 * Nx 22.6 and later run a `preferBatch` executor's tasks in one process by default; earlier Nx
 * starts one process per check and scan task unless asked for `--batch`, which on a hundred
 * projects is a minute against a few seconds.
 */
export function batchingAdvice(nxVersion: string): string | undefined {
  const [major, minor] = nxVersion.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 6)) return undefined;
  return `Nx ${nxVersion} runs one process per check and scan task: add --batch (\`nx run-many -t check scan --batch\`), or upgrade to Nx 22.6 or later, which batches them by default`;
}

/** Refuses, before anything is written, a folder init cannot adopt. */
export function assertAdoptable(tree: Tree, nxVersion: string): void {
  if (!tree.exists('nx.json')) {
    throw new PavedError({
      code: 'PAVED-004',
      file: 'nx.json',
      message: `${tree.root} is not an Nx workspace (no nx.json)`,
      hint: 'run `npx nx@latest init` first, then `nx add @paved/nx`',
    });
  }
  const major = Number(nxVersion.split('.')[0]);
  if (!(SUPPORTED_NX_MAJORS as readonly number[]).includes(major)) {
    throw new PavedError({
      code: 'PAVED-731',
      message: `Nx ${nxVersion} is not supported`,
      expected: `Nx ${SUPPORTED_NX_MAJORS.join(' or ')}`,
      hint:
        major < SUPPORTED_NX_MAJORS[0]
          ? `migrate first: nx migrate ${SUPPORTED_NX_MAJORS[0]}`
          : 'use a Paved release that supports this Nx major, or an Nx version it supports',
    });
  }
}
