import { type Problem } from '@paved/errors';
import { type z } from 'zod';
import { checkPolicy } from './check-policy';
import { policySchema, type Policy } from './schema';

export const POLICY_FILE = 'paved.json';

export interface PolicyResult {
  /** Present only when there are no errors. */
  policy?: Policy;
  errors: Problem[];
  warnings: Problem[];
}

/**
 * The policy pipeline: JSON parse → schema parse (with defaults, which is the
 * normalisation) → cross-reference checks. Every problem is collected; nothing
 * stops at the first.
 */
export function parsePolicy(text: string | null | undefined, file: string = POLICY_FILE): PolicyResult {
  if (text === null || text === undefined) {
    return {
      errors: [
        {
          code: 'PAVED-100',
          file,
          message: 'the workspace has no policy file',
          hint: 'create paved.json at the workspace root (nx g @paved/nx:init writes a starter)',
        },
      ],
      warnings: [],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      errors: [{ code: 'PAVED-101', file, message: (error as Error).message, expected: 'a JSON object' }],
      warnings: [],
    };
  }
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((issue) => issueToProblem(issue, file)), warnings: [] };
  }
  const { errors, warnings } = checkPolicy(parsed.data, file);
  return errors.length > 0 ? { errors, warnings } : { policy: parsed.data, errors, warnings };
}

export function formatKeyPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function issueToProblem(issue: z.core.$ZodIssue, file: string): Problem {
  const keyPath = issue.path.length > 0 ? formatKeyPath(issue.path) : '(root)';
  if (issue.code === 'unrecognized_keys') {
    return {
      code: 'PAVED-102',
      file,
      keyPath,
      message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      hint: 'check the spelling against the JSON Schema ($schema)',
    };
  }
  if (issue.code === 'invalid_key') {
    const key = String(issue.path.at(-1));
    return {
      code: 'PAVED-102',
      file,
      keyPath,
      message: `invalid name "${key}": ${issue.issues.map((nested) => nested.message).join('; ')}`,
    };
  }
  return { code: 'PAVED-102', file, keyPath, message: issue.message, expected: expectedOf(issue) };
}

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `at least ${String(issue.minimum)}`;
    default:
      return undefined;
  }
}
