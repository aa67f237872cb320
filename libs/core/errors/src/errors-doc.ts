import { join } from 'node:path';
import { codeRanges, errorCodes, type ErrorCode } from './codes';

/** Where the generated reference is committed: docs/errors.md at the repository root. */
export const errorsDocFile = join(__dirname, '..', '..', '..', '..', 'docs', 'errors.md');

/** docs/errors.md: every code of the registry, by range, with its title, exit code and what to do. */
export function renderErrorsDoc(): string {
  const codes = Object.keys(errorCodes).sort() as ErrorCode[];
  const sections = codeRanges.flatMap((range, hundred) => {
    const inRange = codes.filter((code) => code.startsWith(`PAVED-${hundred}`));
    if (inRange.length === 0) return [];
    return [
      `## ${hundred}xx: ${range}`,
      ...inRange.flatMap((code) => {
        const { title, exitCode, fix } = errorCodes[code];
        return [`### ${code}`, `**${title}** (exit code ${exitCode})`, fix];
      }),
    ];
  });
  return `${[
    '# Error codes',
    '<!-- Generated from libs/core/errors/src/codes.ts by `nx run errors:docs`; edit the registry, not this file. -->',
    'Every error Paved reports on purpose starts with its code, e.g. ' +
      '`PAVED-305 port 3000 on 127.0.0.1 is already in use (choose another port …)`. ' +
      'The exit code is 2 for usage and configuration errors and 1 for findings; anything else ' +
      'that goes wrong is PAVED-001, a bug to report.',
    ...sections,
  ].join('\n\n')}\n`;
}
