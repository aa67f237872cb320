/**
 * The registry of every coded error Paved can raise. Codes are stable: docs and
 * dashboards key on them, so a code is never reused for a different failure.
 * `exitCode` follows the CLI contract: 1 = findings, 2 = usage or configuration.
 */
export const errorCodes = {
  'PAVED-001': { title: 'Internal error', exitCode: 2 },
  'PAVED-002': { title: 'Invalid command-line usage', exitCode: 2 },
  'PAVED-100': { title: 'Policy file not found', exitCode: 2 },
  'PAVED-101': { title: 'Policy file is not valid JSON', exitCode: 2 },
  'PAVED-102': { title: 'Policy value does not match the schema', exitCode: 2 },
  'PAVED-103': { title: 'Policy refers to an undeclared scope, type or kind', exitCode: 2 },
  'PAVED-104': { title: 'Invalid project layout pattern', exitCode: 2 },
  'PAVED-105': { title: 'Unknown conformance rule', exitCode: 2 },
  'PAVED-110': { title: 'Template kind definition is invalid', exitCode: 2 },
  'PAVED-200': { title: 'Unknown project kind', exitCode: 2 },
  'PAVED-201': { title: 'Unknown scope', exitCode: 2 },
  'PAVED-202': { title: 'Unknown project type', exitCode: 2 },
  'PAVED-203': { title: 'Project type not allowed for this kind', exitCode: 2 },
  'PAVED-204': { title: 'Invalid project name', exitCode: 2 },
  'PAVED-205': { title: 'Reserved project name', exitCode: 2 },
  'PAVED-206': { title: 'Project already exists', exitCode: 2 },
  'PAVED-207': { title: 'Target folder already exists', exitCode: 2 },
  'PAVED-208': { title: 'Path escapes the workspace', exitCode: 2 },
  'PAVED-209': { title: 'Invalid owner', exitCode: 2 },
  'PAVED-210': { title: 'Import path already taken', exitCode: 2 },
  'PAVED-211': { title: 'Missing required option', exitCode: 2 },
  'PAVED-300': { title: 'Cache server configuration file cannot be read', exitCode: 2 },
  'PAVED-301': { title: 'Cache server configuration file is not valid JSON', exitCode: 2 },
  'PAVED-302': { title: 'Cache server configuration does not match the schema', exitCode: 2 },
  'PAVED-303': { title: 'Cache server environment variable is invalid', exitCode: 2 },
  'PAVED-304': { title: 'Cache server trust model is unsafe or inconsistent', exitCode: 2 },
  'PAVED-400': { title: 'Secrets allowlist pattern is not a valid regular expression', exitCode: 2 },
  'PAVED-401': { title: 'Secrets baseline file is missing or not a Paved secrets baseline', exitCode: 2 },
  'PAVED-402': { title: 'Secret scan needs a git repository', exitCode: 2 },
  'PAVED-500': { title: 'Advisory snapshot cannot be read', exitCode: 2 },
  'PAVED-501': { title: 'Advisory record is not valid OSV', exitCode: 2 },
  'PAVED-502': { title: 'Imported advisory store is incomplete or corrupt', exitCode: 2 },
  'PAVED-600': { title: 'License policy is missing or invalid', exitCode: 2 },
  'PAVED-601': { title: 'Installed licenses cannot be listed', exitCode: 2 },
  'PAVED-602': { title: 'License listing or workspace package is malformed', exitCode: 2 },
  'PAVED-900': { title: 'Release package definition refers to a missing or invalid file', exitCode: 2 },
  'PAVED-901': { title: 'Release bundle failed to build', exitCode: 2 },
  'PAVED-902': { title: 'Bundled third-party import is not installed', exitCode: 2 },
  'PAVED-903': { title: 'Bundled third-party package is installed at conflicting versions', exitCode: 2 },
  'PAVED-904': { title: 'Installed host package is outside its declared peer range', exitCode: 2 },
  'PAVED-905': { title: 'Packing the release tarball failed', exitCode: 2 },
  'PAVED-906': { title: 'Packed release package is not self-contained', exitCode: 1 },
} as const satisfies Record<string, { title: string; exitCode: 1 | 2 }>;

export type ErrorCode = keyof typeof errorCodes;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCodes, value);
}
