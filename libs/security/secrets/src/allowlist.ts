import { PavedError, type Problem } from '@paved/errors';
import { type RawFinding } from './finding';

/** One paved.json `secrets.allowlist` entry (validated by @paved/policy's schema). */
export interface AllowEntry {
  reason: string;
  paths?: string[];
  values?: string[];
  patterns?: string[];
  rules?: string[];
}

/** A compiled allowlist: decides whether a finding in a file is accepted. */
export interface Allowlist {
  /** True when every finding in this file is accepted (so the file need not be read at all). */
  skipsFile(file: string): boolean;
  accepts(file: string, finding: RawFinding): boolean;
}

/** `*` stays within a folder, `**` crosses folders, `?` is one character; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index];
    if (char === '*' && glob[index + 1] === '*') {
      const slash = glob[index + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // The source is built from escaped literals and fixed fragments only.
  // eslint-disable-next-line paved-security/no-dynamic-regexp
  return new RegExp(`^${source}$`);
}

export function compileAllowlist(entries: readonly AllowEntry[], policyFile = 'paved.json'): Allowlist {
  const problems: Problem[] = [];
  const compiled = entries.map((entry, index) => ({
    rules: entry.rules ? new Set(entry.rules) : undefined,
    paths: entry.paths?.map(globToRegExp),
    values: new Set(entry.values ?? []),
    patterns: (entry.patterns ?? []).flatMap((pattern, patternIndex) => {
      try {
        // Patterns come from the workspace's own policy file, reviewed like code.
        // eslint-disable-next-line paved-security/no-dynamic-regexp
        return [new RegExp(pattern)];
      } catch (error) {
        problems.push({
          code: 'PAVED-400',
          file: policyFile,
          keyPath: `secrets.allowlist[${index}].patterns[${patternIndex}]`,
          message: `not a valid regular expression: ${(error as Error).message}`,
          expected: 'a JavaScript regular expression source, e.g. "^test_[0-9a-f]{32}$"',
          hint: 'escape special characters with a backslash, or use values for exact strings',
        });
        return [];
      }
    }),
  }));
  if (problems.length > 0) throw new PavedError(problems);
  const pathOnly = compiled.filter(
    (entry) => entry.paths && !entry.rules && entry.values.size === 0 && entry.patterns.length === 0,
  );
  return {
    skipsFile: (file) => pathOnly.some((entry) => entry.paths?.some((path) => path.test(file))),
    accepts: (file, finding) =>
      compiled.some((entry) => {
        if (entry.rules && !entry.rules.has(finding.ruleId)) return false;
        if (entry.paths && !entry.paths.some((path) => path.test(file))) return false;
        const hasValueTest = entry.values.size > 0 || entry.patterns.length > 0;
        return (
          !hasValueTest ||
          entry.values.has(finding.secret) ||
          entry.patterns.some((pattern) => pattern.test(finding.secret))
        );
      }),
  };
}
