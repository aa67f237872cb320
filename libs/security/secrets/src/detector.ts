import { type RawFinding } from './finding';
import { defaultDetectors, runDetectors, type DetectorMatch, type SecretDetector } from './detectors';
import { isMalformedVendorKey, namesAVendorWithADetector, isVendorShaped } from './detectors/vendor-shapes';
import { findPavedSecrets, type RuleMatch } from './rules';

// Inline exceptions that teams coming from secretlint or detect-secrets already have: on the
// secret's line (`// secretlint-disable-line`, `# pragma: allowlist secret`, detect-secrets' older
// `whitelist`), or on the line above it (`// secretlint-disable-next-line`,
// `# pragma: allowlist nextline secret`). Blocks are disabledBlocks'.
const sameLineMarkers = ['secretlint-disable-line', 'pragma: allowlist secret', 'pragma: whitelist secret'];
const previousLineMarkers = ['secretlint-disable-next-line', 'pragma: allowlist nextline secret'];

function disabledByComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  if (sameLineMarkers.some((marker) => line.includes(marker))) return true;
  const previousStart = lineStart === 0 ? -1 : text.lastIndexOf('\n', lineStart - 2) + 1;
  if (previousStart < 0) return false;
  const previous = text.slice(previousStart, lineStart);
  return previousLineMarkers.some((marker) => previous.includes(marker));
}

/** `secretlint-disable` … `secretlint-enable` (or the end of the file): the ranges those comments switch off. */
function disabledBlocks(text: string): [number, number][] {
  const blocks: [number, number][] = [];
  let openedAt: number | undefined;
  for (const marker of text.matchAll(/secretlint-(disable|enable)(?!-)/g)) {
    if (marker[1] === 'disable') openedAt ??= marker.index;
    else if (openedAt !== undefined) {
      blocks.push([openedAt, marker.index]);
      openedAt = undefined;
    }
  }
  if (openedAt !== undefined) blocks.push([openedAt, text.length]);
  return blocks;
}

/** Rules that judge a value by its name and shape alone; a value in a vendor's format is that vendor's to judge. */
const genericRuleIds = new Set(['paved/generic-password', 'paved/generic-high-entropy', 'paved/url-query-credential']);

/** What runs on one file: the default rules, or those a .gitleaks.toml gives (gitleaks/rule-set.ts). */
export interface DetectionRules {
  detectors: readonly SecretDetector[];
  /** rules.ts' high-entropy rule (off when a .gitleaks.toml replaces the defaults). */
  builtIns: boolean;
  /** Rule ids whose findings are dropped (`[extend] disabledRules`). */
  disabled: ReadonlySet<string>;
}

const defaultDetectionRules: DetectionRules = { detectors: defaultDetectors, builtIns: true, disabled: new Set() };

/** gitleaks' inline exception: `gitleaks:allow` anywhere on a line the secret is on. */
function allowedByGitleaksComment(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  return text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).includes('gitleaks:allow');
}

/**
 * Every secret in one file's text: Paved's detectors (vendor formats, structured files, generic
 * keys) and rules.ts' high-entropy rule. Overlapping matches are one secret, reported once (the
 * more specific detector's, see runDetectors). Async, as the scanners that call it read files.
 */
export async function detectSecrets(
  file: string,
  text: string,
  rules: DetectionRules = defaultDetectionRules,
): Promise<RawFinding[]> {
  const found: RawFinding[] = [];
  const disabled = text.includes('secretlint-disable') ? disabledBlocks(text) : [];
  const matches: (DetectorMatch | RuleMatch)[] = [
    ...runDetectors(rules.detectors, file, text),
    ...(rules.builtIns ? findPavedSecrets(text) : []),
  ];
  for (const match of matches) {
    if (rules.disabled.has(match.ruleId)) continue;
    if (
      genericRuleIds.has(match.ruleId) &&
      (isVendorShaped(text.slice(match.start, match.end), rules.detectors) ||
        isMalformedVendorKey(text, match.start, match.end, rules.detectors))
    )
      continue;
    if ('keyNameWords' in match && match.keyNameWords && namesAVendorWithADetector(match.keyNameWords, rules.detectors))
      continue;
    if (disabledByComment(text, match.start)) continue;
    if (disabled.some(([start, end]) => start <= match.start && match.start < end)) continue;
    if (found.some((other) => match.start < other.start + other.secret.length && other.start < match.end)) continue;
    found.push({
      ruleId: match.ruleId,
      message: match.message,
      secret: text.slice(match.start, match.end),
      start: match.start,
    });
  }
  const allowed = text.includes('gitleaks:allow')
    ? found.filter((f) => !allowedByGitleaksComment(text, f.start, f.start + f.secret.length))
    : found;
  return allowed.sort((a, b) => a.start - b.start);
}
