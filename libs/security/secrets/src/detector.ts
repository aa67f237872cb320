import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { type RawFinding } from './finding';
import { defaultDetectors, isPlaceholder, runDetectors, type SecretDetector } from './detectors';
import { isKeyMaterial } from './detectors/key-material';
import { tokenBody } from './detectors/token-body';
import { isVendorShaped } from './detectors/vendor-shapes';
import { findPavedSecrets } from './rules';

/**
 * secretlint rules whose vendors Paved's own detectors cover (detectors/vendor-infra.ts): those
 * check placeholders (`ghp_xxxx…`, `hvs.XXXX…`, `dckr_pat_xxxx…`, which these rules report),
 * checksums, and report the token itself rather than `name = token`.
 */
const supersededSecretlintRules = [
  'aws',
  'gcp',
  'github',
  'gitlab',
  'npm',
  'cloudflare',
  'databricks',
  'docker',
  'grafana',
  'hashicorp-vault',
  'vercel',
  // Credentials in URLs are paved/basic-auth-url's: secretlint's two rules report the whole URL (one
  // with the closing quote) and miss `:password@` placeholders.
  'basicauth',
  'database-connection-string',
].map((name) => `@secretlint/secretlint-rule-${name}`);

// secretlint 13's core ignores `disabled` on a preset's rules, so the preset registers its rules
// through a context that leaves the superseded ones out.
const presetWithoutSuperseded: typeof recommendedPreset = {
  ...recommendedPreset,
  create(context, options) {
    recommendedPreset.create(
      {
        ...context,
        registerRule(rule, defaultValue) {
          if (!supersededSecretlintRules.includes(rule.meta.id)) context.registerRule(rule, defaultValue);
        },
      },
      options,
    );
  },
};

const secretlintConfig: Parameters<typeof lintSource>[0]['options']['config'] = {
  rules: [{ id: recommendedPreset.meta.id, rule: presetWithoutSuperseded as never }],
};

// secretlint's core marks every rule on every file with performance.mark (about a third of
// its time on 3,000 files); its CLI turns that off unless --profile is given, and so do we.
secretLintProfiler.setEnabled(false);

/**
 * secretlint's comment filter only knows its own rules; Paved's honour the same comments:
 * `// secretlint-disable-line` on the line, `// secretlint-disable-next-line` on the line above,
 * and blocks (see disabledBlocks).
 */
function disabledByComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  if (text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).includes('secretlint-disable-line')) return true;
  const previousStart = lineStart === 0 ? -1 : text.lastIndexOf('\n', lineStart - 2) + 1;
  return previousStart >= 0 && text.slice(previousStart, lineStart).includes('secretlint-disable-next-line');
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
  /** secretlint's preset and rules.ts' rules (off when a .gitleaks.toml replaces the defaults). */
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
 * secretlint's rules have no placeholder judgement (`ghp_xxxx…`, `glpat-XXXX…` and a key frame
 * around `...` are findings there); its findings pass the one Paved's detectors use.
 */
function secretlintFindingHolds(secret: string): boolean {
  if (/-----BEGIN [A-Z0-9 ]{0,60}PRIVATE KEY/.test(secret)) return isKeyMaterial(secret);
  const body = tokenBody(secret);
  // A URL is judged by its password alone: `example.com` in the host says nothing about it.
  if (secret.includes('://')) return !isPlaceholder(body);
  // A prefix with a few characters after it (`xapp-1-A` of a template string) is no token.
  return body.length >= 8 && !isPlaceholder(body) && !isPlaceholder(secret);
}

/**
 * Every secret in one file's text: secretlint's recommended preset (in-process, no CLI start-up)
 * plus Paved's rules. A Paved match that overlaps a secretlint one is the same secret, reported once.
 */
export async function detectSecrets(
  file: string,
  text: string,
  rules: DetectionRules = defaultDetectionRules,
): Promise<RawFinding[]> {
  const result = rules.builtIns
    ? await lintSource({
        source: { filePath: file, content: text, contentType: 'text' },
        // maskSecrets: secretlint's message texts must never carry the secret into a report.
        options: { config: secretlintConfig, maskSecrets: true, noPhysicFilePath: true },
      })
    : { messages: [] };
  const found: RawFinding[] = [];
  for (const message of result.messages) {
    if (message.type !== 'message' || rules.disabled.has(message.ruleId)) continue;
    const [start, end] = message.range;
    if (!secretlintFindingHolds(text.slice(start, end))) continue;
    // A masked 1700-character key is a wall of asterisks: four say the same.
    const masked = message.message.replace(/\*{5,}/g, '****');
    found.push({ ruleId: message.ruleId, message: masked, secret: text.slice(start, end), start });
  }
  const fromSecretlint = new Set(found);
  const disabled = text.includes('secretlint-disable') ? disabledBlocks(text) : [];
  const vendorMatches = runDetectors(rules.detectors, file, text);
  for (const match of [...vendorMatches, ...(rules.builtIns ? findPavedSecrets(text) : [])]) {
    if (rules.disabled.has(match.ruleId)) continue;
    if (genericRuleIds.has(match.ruleId) && isVendorShaped(text.slice(match.start, match.end), rules.detectors))
      continue;
    if (disabledByComment(text, match.start)) continue;
    if (disabled.some(([start, end]) => start <= match.start && match.start < end)) continue;
    const overlapping = found.filter(
      (other) => match.start < other.start + other.secret.length && other.start < match.end,
    );
    // A vendor detector's finding replaces secretlint's of the same secret, whether secretlint read less
    // of it (its Slack rule stops in the middle of an xapp- token) or more (`https://user:<token>@host`):
    // the vendor detector names the vendor and the exact secret. Otherwise the first report stands.
    const widens = vendorMatches.includes(match) && overlapping.every((other) => fromSecretlint.has(other));
    if (overlapping.length > 0 && !widens) continue;
    for (const other of overlapping) found.splice(found.indexOf(other), 1);
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
