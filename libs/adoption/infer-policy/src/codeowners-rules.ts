import { ownerPattern } from '@paved/policy';
import { minimatch } from 'minimatch';

/** One ownership line of a CODEOWNERS file. */
export interface OwnershipRule {
  pattern: string;
  owners: string[];
  /** 1-based line in the file. */
  line: number;
  /** Owner tokens Paved cannot express (GitLab roles, nested groups): kept by the file, not by paved.json. */
  unsupported: string[];
}

/**
 * The ownership lines of a GitHub or GitLab CODEOWNERS file, in file order. GitLab
 * section headers (`[Docs]`, `^[Optional][2] @owner`) are skipped: a section's
 * default owners apply to its lines, which is what GitLab does.
 */
export function parseCodeowners(text: string): OwnershipRule[] {
  const rules: OwnershipRule[] = [];
  let sectionOwners: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const section = sectionDefaultOwners(line);
    if (section) {
      sectionOwners = section;
      return;
    }
    const [pattern, ...tokens] = splitUnescaped(line.replace(/\s+#.*$/, ''));
    const listed = tokens.length > 0 ? tokens : sectionOwners;
    const owners = listed.filter((token) => ownerPattern.test(token));
    rules.push({
      pattern,
      owners,
      line: index + 1,
      unsupported: listed.filter((token) => !ownerPattern.test(token)),
    });
  });
  return rules;
}

/** A GitLab section header's default owners (`[Name]`, `^[Name][2] @owner`); undefined for other lines. */
function sectionDefaultOwners(line: string): string[] | undefined {
  const header = line.startsWith('^') ? line.slice(1) : line;
  const close = header.indexOf(']');
  if (!header.startsWith('[') || close < 2) return undefined;
  let rest = header.slice(close + 1);
  const approvals = rest.startsWith('[') ? rest.indexOf(']') : -1;
  if (approvals > 1 && /^\d+$/.test(rest.slice(1, approvals))) rest = rest.slice(approvals + 1);
  return rest.trim().split(/\s+/).filter(Boolean);
}

/** Splits on whitespace that is not escaped with a backslash (`docs/My\ File.md`). */
function splitUnescaped(line: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (char === '\\' && index + 1 < line.length) {
      current += line[index + 1];
      index += 1;
    } else if (/\s/.test(char)) {
      if (current) parts.push(current);
      current = '';
    } else current += char;
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Whether a CODEOWNERS pattern covers a path, with gitignore semantics: a leading or
 * inner `/` anchors it to the root, otherwise it matches at any depth; a pattern that
 * matches a folder covers everything inside it.
 */
export function patternCovers(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === '/' || pattern === '/**' || pattern === '**') return true;
  const folderOnly = pattern.endsWith('/');
  const trimmed = pattern.replace(/^\//, '').replace(/\/$/, '');
  const anchored = pattern.startsWith('/') || trimmed.includes('/');
  const glob = `${anchored ? '' : '**/'}${trimmed}${folderOnly ? '/**' : '{,/**}'}`;
  return minimatch(path, glob, { dot: true });
}

/**
 * The owners of a project folder: the last rule covering a file directly inside it wins,
 * as on GitHub and GitLab. Undefined when no rule covers it.
 */
export function ownersOfFolder(rules: readonly OwnershipRule[], folder: string): OwnershipRule | undefined {
  const probe = folder === '.' || folder === '' ? 'paved-owner-probe' : `${folder}/paved-owner-probe`;
  for (let index = rules.length - 1; index >= 0; index -= 1) {
    if (patternCovers(rules[index].pattern, probe)) return rules[index];
  }
  return undefined;
}

/** The catch-all rule (`*`, `/`, `/**`, `**`), if the file has one: the workspace's default owners. */
export function catchAllRule(rules: readonly OwnershipRule[]): OwnershipRule | undefined {
  return [...rules].reverse().find((rule) => ['*', '/', '/**', '**', '/*'].includes(rule.pattern));
}
