import { PavedError } from '@paved/errors';
import { readRegularText } from '@paved/repo-files';
import { join } from 'node:path';
import { parsePolicy, POLICY_FILE } from './parse-policy';
import { type Policy } from './schema';

/** paved.json is a few kilobytes; anything this large is not one. */
export const MAX_POLICY_BYTES = 1024 * 1024;

/** Reads and validates `<workspaceRoot>/paved.json`; throws a PavedError listing every problem. */
export function loadPolicy(workspaceRoot: string): Policy {
  return policyOrThrow(parsePolicy(readPolicyText(join(workspaceRoot, POLICY_FILE)), POLICY_FILE));
}

/** The policy, or undefined where there is no paved.json (the scanners run with their defaults there). */
export function loadOptionalPolicy(workspaceRoot: string): Policy | undefined {
  const text = readPolicyText(join(workspaceRoot, POLICY_FILE));
  return text === undefined ? undefined : policyOrThrow(parsePolicy(text, POLICY_FILE));
}

/**
 * The text of the policy file, undefined when there is none. Only a regular file under
 * MAX_POLICY_BYTES is read: a folder, a device (a link to /dev/zero) or a FIFO is refused
 * without reading it; O_NONBLOCK keeps opening a FIFO from waiting for a writer.
 */
export function readPolicyText(path: string): string | undefined {
  const read = readRegularText(path, MAX_POLICY_BYTES);
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'refused') throw unreadable(read.reason);
  return read.text;
}

function unreadable(what: string): PavedError {
  return new PavedError({
    code: 'PAVED-108',
    file: POLICY_FILE,
    message: `${POLICY_FILE} ${what}`,
    expected: `a regular JSON file of at most ${MAX_POLICY_BYTES} bytes`,
    hint: `replace it with the workspace's policy file (\`nx g @paved/nx:init\` writes one)`,
  });
}

export function policyOrThrow(result: ReturnType<typeof parsePolicy>): Policy {
  if (!result.policy) {
    throw new PavedError(result.errors);
  }
  return result.policy;
}
