import { PavedError } from '@paved/errors';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy, POLICY_FILE } from './parse-policy';
import { type Policy } from './schema';

/** Reads and validates `<workspaceRoot>/paved.json`; throws a PavedError listing every problem. */
export function loadPolicy(workspaceRoot: string): Policy {
  const path = join(workspaceRoot, POLICY_FILE);
  const text = existsSync(path) ? readFileSync(path, 'utf-8') : undefined;
  return policyOrThrow(parsePolicy(text, POLICY_FILE));
}

export function policyOrThrow(result: ReturnType<typeof parsePolicy>): Policy {
  if (!result.policy) {
    throw new PavedError(result.errors);
  }
  return result.policy;
}
