import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { type RawFinding } from './finding';
import { defaultDetectors, runDetectors } from './detectors';
import { findPavedSecrets } from './rules';

// Messages of secretlint rules a Paved detector reports more precisely (`ruleId` or `ruleId--messageId`):
// credentials in URLs are paved/basic-auth-url's (secretlint's two rules report the whole URL, one
// with the closing quote, and miss `:password@` placeholders), `.npmrc` `_authToken=` values are
// paved/npmrc-auth's (secretlint's range starts 11 characters early). The preset's own `disabled`
// setting is not honoured by secretlint core 13, so their messages are dropped here.
const supersededMessages = new Set([
  '@secretlint/secretlint-rule-basicauth',
  '@secretlint/secretlint-rule-database-connection-string',
  '@secretlint/secretlint-rule-npm--Npmrc_authToken',
]);
const superseded = (message: { ruleId: string; messageId: string }) =>
  supersededMessages.has(message.ruleId) || supersededMessages.has(`${message.ruleId}--${message.messageId}`);

const secretlintConfig: Parameters<typeof lintSource>[0]['options']['config'] = {
  rules: [{ id: recommendedPreset.meta.id, rule: recommendedPreset as never }],
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

/**
 * Every secret in one file's text: secretlint's recommended preset (in-process, no CLI start-up)
 * plus Paved's rules. A Paved match that overlaps a secretlint one is the same secret, reported once.
 */
export async function detectSecrets(file: string, text: string): Promise<RawFinding[]> {
  const result = await lintSource({
    source: { filePath: file, content: text, contentType: 'text' },
    // maskSecrets: secretlint's message texts must never carry the secret into a report.
    options: { config: secretlintConfig, maskSecrets: true, noPhysicFilePath: true },
  });
  const ranges: [number, number][] = [];
  const found: RawFinding[] = [];
  for (const message of result.messages) {
    if (message.type !== 'message' || superseded(message)) continue;
    const [start, end] = message.range;
    ranges.push([start, end]);
    // A masked 1700-character key is a wall of asterisks: four say the same.
    const masked = message.message.replace(/\*{5,}/g, '****');
    found.push({ ruleId: message.ruleId, message: masked, secret: text.slice(start, end), start });
  }
  const disabled = text.includes('secretlint-disable') ? disabledBlocks(text) : [];
  for (const match of [...runDetectors(defaultDetectors, file, text), ...findPavedSecrets(text)]) {
    if (ranges.some(([start, end]) => match.start < end && start < match.end)) continue;
    if (disabledByComment(text, match.start)) continue;
    if (disabled.some(([start, end]) => start <= match.start && match.start < end)) continue;
    ranges.push([match.start, match.end]);
    found.push({
      ruleId: match.ruleId,
      message: match.message,
      secret: text.slice(match.start, match.end),
      start: match.start,
    });
  }
  return found.sort((a, b) => a.start - b.start);
}
