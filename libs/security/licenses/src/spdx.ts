import parseSpdx from 'spdx-expression-parse';
import deprecatedIds from 'spdx-license-ids/deprecated.json';

/** What the policy says about one license expression. */
export type LicenseVerdict =
  { verdict: 'allowed' } | { verdict: 'denied'; denied: string[] } | { verdict: 'review'; reason: string };

const deprecated = new Set<string>(deprecatedIds);

/**
 * Evaluates a package's license expression against an allowlist of SPDX ids.
 * `A OR B` passes when any option is allowed (the user may pick it); `A AND B`
 * only when all are. Anything that is not a clean SPDX expression (missing,
 * "UNKNOWN", "SEE LICENSE IN …", deprecated ids such as "GPL-2.0", free text)
 * is never guessed at: it needs a person to review it. Never throws.
 */
export function evaluateLicense(expression: string | undefined, allowed: ReadonlySet<string>): LicenseVerdict {
  const text = (expression ?? '').trim();
  if (text === '' || /^unknown$/i.test(text)) return { verdict: 'review', reason: 'no license declared' };
  if (/^see licen[cs]e in\b/i.test(text)) return { verdict: 'review', reason: `custom license terms ("${text}")` };
  let tree: parseSpdx.Info;
  try {
    tree = parseSpdx(text);
  } catch {
    return { verdict: 'review', reason: `"${text}" is not an SPDX license expression` };
  }
  return verdictOf(tree, allowed);
}

function verdictOf(node: parseSpdx.Info, allowed: ReadonlySet<string>): LicenseVerdict {
  if (!('conjunction' in node)) return leafVerdict(node, allowed);
  const left = verdictOf(node.left, allowed);
  const right = verdictOf(node.right, allowed);
  const both = [left, right];
  if (node.conjunction === 'or') {
    if (both.some((v) => v.verdict === 'allowed')) return { verdict: 'allowed' };
    const review = both.find((v) => v.verdict === 'review');
    if (review) return review;
    return { verdict: 'denied', denied: both.flatMap((v) => (v.verdict === 'denied' ? v.denied : [])) };
  }
  const denied = both.flatMap((v) => (v.verdict === 'denied' ? v.denied : []));
  if (denied.length > 0) return { verdict: 'denied', denied };
  return both.find((v) => v.verdict === 'review') ?? { verdict: 'allowed' };
}

function leafVerdict(leaf: parseSpdx.LicenseInfo, allowed: ReadonlySet<string>): LicenseVerdict {
  const written = `${leaf.license}${leaf.plus ? '+' : ''}${leaf.exception ? ` WITH ${leaf.exception}` : ''}`;
  // An exact entry in the allowlist is a reviewed decision, even for a deprecated id.
  if (allowed.has(written)) return { verdict: 'allowed' };
  if (deprecated.has(leaf.license)) {
    return { verdict: 'review', reason: `"${leaf.license}" is a deprecated SPDX id whose meaning is ambiguous` };
  }
  // "X+" (or later) lets the user choose X itself; a WITH exception only adds permissions.
  return allowed.has(leaf.license) ? { verdict: 'allowed' } : { verdict: 'denied', denied: [written] };
}

/** Whether a workspace package's own `license` field is a usable SPDX expression. */
export function isSpdxExpression(text: string): boolean {
  try {
    parseSpdx(text);
    return true;
  } catch {
    return false;
  }
}
