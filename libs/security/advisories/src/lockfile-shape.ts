import { PavedError } from '@paved/errors';

/**
 * The shape checks both lockfile readers run before reading: a scanner that cannot read its
 * input must fail (PAVED-503, naming the key), never pass with "0 vulnerable" or crash on a
 * null entry. Unknown keys are allowed; the known ones must have the types the readers use.
 */
export type Shape =
  | 'string'
  | { record: Shape; nullable?: boolean }
  | { object: Record<string, Shape>; nullable?: boolean }
  | { oneOf: Shape[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (shape: Shape): string =>
  shape === 'string'
    ? 'a string'
    : 'oneOf' in shape
      ? shape.oneOf.map(describe).join(' or ')
      : 'record' in shape
        ? `a map of ${describe(shape.record).replace(/^an? /, '')}s`
        : 'an object';

interface Mismatch {
  path: string;
  expected: string;
  value: unknown;
}

/** `importers["."].dependencies`: keys that hold a dot (or nothing) in brackets, so the path reads back. */
const child = (path: string, key: string) =>
  key === '' || key.includes('.') ? `${path}[${JSON.stringify(key)}]` : path ? `${path}.${key}` : key;

/** The key path of the first value that does not fit `shape`, what was expected there, and what was found. */
function mismatch(value: unknown, shape: Shape, path: string): Mismatch | undefined {
  if (shape === 'string') return typeof value === 'string' ? undefined : { path, expected: 'a string', value };
  if ('oneOf' in shape) {
    return shape.oneOf.some((option) => mismatch(value, option, path) === undefined)
      ? undefined
      : { path, expected: describe(shape), value };
  }
  if (value === null && shape.nullable) return undefined;
  if (!isRecord(value)) return { path, expected: describe(shape), value };
  if ('record' in shape) {
    for (const [key, entry] of Object.entries(value)) {
      const found = mismatch(entry, shape.record, child(path, key));
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, fieldShape] of Object.entries(shape.object)) {
    if (value[key] === undefined) continue;
    const found = mismatch(value[key], fieldShape, child(path, key));
    if (found) return found;
  }
  return undefined;
}

export function assertLockfileShape(lockfile: unknown, shape: Shape, file: string): void {
  const found = mismatch(lockfile, shape, '');
  if (!found) return;
  const { value } = found;
  const actual = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  throw new PavedError({
    code: 'PAVED-503',
    file,
    ...(found.path ? { keyPath: found.path } : {}),
    message: `${found.path || 'the lockfile'} is ${actual}, which Paved cannot read`,
    expected: found.expected,
    hint: 'regenerate the lockfile with your package manager (`pnpm install`, `npm install --package-lock-only`)',
  });
}
