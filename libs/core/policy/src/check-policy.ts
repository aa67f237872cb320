import { type Problem } from '@paved/errors';
import parseSpdx from 'spdx-expression-parse';
import { conformanceRuleIds, type Policy } from './schema';
import { layoutPlaceholders } from './layout';

/** Cross-reference rules the schema alone cannot express. */
export function checkPolicy(policy: Policy, file: string): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const scopes = Object.keys(policy.scopes);
  const types = Object.keys(policy.types);

  const requireDeclared = (names: readonly string[], declared: string[], what: string, keyPath: string) => {
    names.forEach((name, index) => {
      if (name !== '*' && !declared.includes(name)) {
        errors.push({
          code: 'PAVED-103',
          file,
          keyPath: `${keyPath}[${index}]`,
          message: `unknown ${what} "${name}"`,
          expected: `one of ${declared.join(', ')}`,
          hint: `declare "${name}" under "${what === 'scope' ? 'scopes' : 'types'}" or remove it`,
        });
      }
    });
  };

  requireDeclared(policy.sharedScopes, scopes, 'scope', 'sharedScopes');
  for (const [name, scope] of Object.entries(policy.scopes)) {
    requireDeclared(scope.canDependOn, scopes, 'scope', `scopes.${name}.canDependOn`);
    if (scope.owners.length === 0 && policy.owners.default.length === 0) {
      warnings.push({
        code: 'PAVED-103',
        file,
        keyPath: `scopes.${name}.owners`,
        message: `scope "${name}" has no owners and there are no default owners`,
        hint: 'projects in it will have no CODEOWNERS entry unless created with --owners',
      });
    }
  }
  for (const [name, type] of Object.entries(policy.types)) {
    requireDeclared(type.canDependOn, types, 'type', `types.${name}.canDependOn`);
  }
  for (const [name, kind] of Object.entries(policy.kinds)) {
    requireDeclared(kind.types ?? [], types, 'type', `kinds.${name}.types`);
    if (kind.path !== undefined) {
      for (const message of layoutProblems(kind.path)) {
        errors.push({
          code: 'PAVED-104',
          file,
          keyPath: `kinds.${name}.path`,
          message,
          expected: 'e.g. "libs/{scope}/{name}"',
        });
      }
    }
  }
  for (const ruleId of Object.keys(policy.rules)) {
    if (!(conformanceRuleIds as readonly string[]).includes(ruleId)) {
      errors.push({
        code: 'PAVED-105',
        file,
        keyPath: `rules.${ruleId}`,
        message: `unknown conformance rule "${ruleId}"`,
        expected: `one of ${conformanceRuleIds.join(', ')}`,
      });
    }
  }
  (policy.licenses?.allowed ?? []).forEach((entry, index) => {
    const message = licenseIdProblem(entry);
    if (message) {
      errors.push({
        code: 'PAVED-600',
        file,
        keyPath: `licenses.allowed[${index}]`,
        message,
        expected: 'an SPDX license id such as "MIT" or "Apache-2.0" (https://spdx.org/licenses/), or LicenseRef-…',
      });
    }
  });
  return { errors, warnings };
}

/** Why a license allowlist entry is unusable; undefined when it is one SPDX id (or LicenseRef). */
export function licenseIdProblem(entry: string): string | undefined {
  try {
    return 'conjunction' in parseSpdx(entry)
      ? `"${entry}" is an expression; list each allowed license id on its own`
      : undefined;
  } catch {
    return `"${entry}" is not an SPDX license id`;
  }
}

/** Why a layout pattern is unusable; empty when it is fine. */
const RESERVED_FOLDERS = new Set(['.git', 'node_modules']);

export function layoutProblems(pattern: string): string[] {
  const problems: string[] = [];
  if (pattern.startsWith('/') || /^[A-Za-z]:/.test(pattern) || pattern.includes('\\')) {
    return [`"${pattern}" must be a relative path with "/" separators`];
  }
  const segments = pattern.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment === '')) {
    problems.push(`"${pattern}" must not contain empty, "." or ".." segments`);
  }
  // Git's own folder and installed packages are never a place for a project (a kind path of
  // `.git/hooks/{name}` would make the generator write hooks).
  const reserved = segments.find((segment) => RESERVED_FOLDERS.has(segment.toLowerCase()));
  if (reserved) problems.push(`"${pattern}" must not place projects in ${reserved}/`);
  for (const placeholder of pattern.match(/\{[^}]*\}/g) ?? []) {
    if (!layoutPlaceholders.includes(placeholder.slice(1, -1) as (typeof layoutPlaceholders)[number])) {
      problems.push(`"${pattern}" uses unknown placeholder ${placeholder}`);
    }
  }
  if (!pattern.includes('{name}')) {
    problems.push(`"${pattern}" must contain {name} so that every project gets its own folder`);
  }
  return problems;
}
