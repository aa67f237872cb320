/**
 * The versions Paved adds when a workspace lacks a tool: the ones this repository runs and tests
 * with on Node 20 (a test keeps them equal to the root package.json). lint-staged 17 needs
 * Node >= 22.22, so 16 it is (its engines: node >= 20.17).
 */
export const toolVersions = {
  husky: '9.1.7',
  'lint-staged': '16.4.0',
  prettier: '3.10.1',
  eslint: '10.15.0',
  '@eslint/js': '9.39.5',
  'typescript-eslint': '8.73.0',
} as const;

/** Before Nx 22.5.3, @nx/eslint's peer range stops at ESLint 9 (`^8.0.0 || ^9.0.0`); ESLint 9 suits every Nx 22. */
export const eslintForNx22 = '^9.39.0';

/** The ESLint to add to a workspace without one, by its Nx major. */
export function eslintVersionFor(nxMajor: number | undefined): string {
  return nxMajor !== undefined && nxMajor < 23 ? eslintForNx22 : toolVersions.eslint;
}
