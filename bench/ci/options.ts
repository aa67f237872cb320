/** A whole-number command-line option of a bench (`--seeds 25`), or `fallback` when it is not given. */
export function wholeNumberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a whole number, got ${process.argv[at + 1]}`);
  return value;
}
