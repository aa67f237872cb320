import { type Tree } from '@nx/devkit';
import { updateAgentsMd } from '@paved/conformance';
import { parsePolicy, policyOrThrow, POLICY_FILE } from '@paved/policy';
import { builtInCatalogDirs, Catalog, kindOffers } from '@paved/templates';
import { join } from 'node:path';
import { type SyncResult } from '../codeowners/generator';
import { syncFile } from '../sync-file';

export const AGENTS_FILE = 'AGENTS.md';

/**
 * Keeps Paved's block of AGENTS.md (the conventions AI coding assistants read) current with
 * paved.json and the template catalog; everything the team wrote in the file is kept.
 */
export async function agentsMdGenerator(tree: Tree): Promise<SyncResult> {
  const policy = policyOrThrow(parsePolicy(tree.read(POLICY_FILE, 'utf-8'), POLICY_FILE));
  const catalog = new Catalog([join(tree.root, 'generators'), ...builtInCatalogDirs()]);
  const changed = await syncFile(tree, AGENTS_FILE, (existing) =>
    updateAgentsMd(existing, policy, kindOffers(catalog, policy)),
  );
  return changed ? { outOfSyncMessage: `${AGENTS_FILE} does not match the conventions in paved.json` } : {};
}

export default agentsMdGenerator;
