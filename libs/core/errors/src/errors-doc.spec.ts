import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeRanges, errorCodes } from './codes';
import { errorsDocFile, renderErrorsDoc } from './errors-doc';

describe('docs/errors.md', () => {
  it('is current with the code registry', () => {
    expect(readFileSync(errorsDocFile, 'utf-8'), 'docs/errors.md is stale: run `pnpm nx run errors:docs`').toBe(
      renderErrorsDoc(),
    );
  });

  it('has a section for every code, under its range, with what to do', () => {
    const doc = renderErrorsDoc();
    for (const [code, { title, exitCode, fix }] of Object.entries(errorCodes)) {
      const section = doc.slice(doc.indexOf(`### ${code}\n`));
      expect(section, code).toContain(`**${title}** (exit code ${exitCode})\n\n${fix}\n`);
      const range = codeRanges[Number(code.charAt(6))];
      expect(doc.lastIndexOf(`## ${code.charAt(6)}xx: ${range}`, doc.indexOf(`### ${code}\n`)), code).toBeGreaterThan(
        0,
      );
    }
  });
});
