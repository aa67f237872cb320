import { PavedError } from '@paved/errors';
import { type MergePlan } from '../tree';
import { SECRET_SCAN, SKIP_HOOKS_OPTION } from './commands';

export const HUSKY_DIR = '.husky';
export const PRE_COMMIT = 'pre-commit';

/** husky 5 to 8 start every hook with these two lines; husky 9 warns about them and 10 will fail on them. */
export const LEGACY_HUSKY_HEADER = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n';

const gitHookNames = new Set([
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-auto-gc',
  'post-rewrite',
]);

export interface HuskyDir {
  /** Hook scripts in .husky/ (husky's own `_` folder aside). */
  hooks: string[];
  /** Whether the scripts use husky 5-8's `husky.sh` header. */
  legacyStyle: boolean;
}

/** .husky/ with at least one hook script: a husky 5+ setup. */
export function readHuskyDir(plan: MergePlan): HuskyDir | undefined {
  const hooks = plan
    .children(HUSKY_DIR)
    .filter((name) => gitHookNames.has(name) && plan.isFile(`${HUSKY_DIR}/${name}`));
  if (hooks.length === 0) return undefined;
  const legacyStyle = hooks.some((name) => plan.read(`${HUSKY_DIR}/${name}`)?.includes('/_/husky.sh'));
  return { hooks, legacyStyle };
}

const shells = /^#!.*\b(?:sh|bash|zsh|dash|ksh)\b/;

/** The lines of a hook script that run something: not blank, not comments. */
export function hookCommands(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The hook script with `commands` appended as new lines. The team's lines stay as and where they
 * are; only a final `exit` keeps its place at the end, since nothing after it would run.
 */
export function appendToHookScript(path: string, text: string, commands: readonly string[]): string {
  const firstLine = text.split(/\r?\n/, 1)[0];
  if (firstLine.startsWith('#!') && !shells.test(firstLine)) {
    throw new PavedError({
      code: 'PAVED-706',
      file: path,
      keyPath: 'line 1',
      message: `is not a shell script (${firstLine}), so Paved cannot add its commands as lines`,
      expected: 'a shell script (no #! line, or #!/bin/sh, bash, zsh, dash)',
      hint: `call \`${SECRET_SCAN}\` from your hook yourself and run init with ${SKIP_HOOKS_OPTION}`,
    });
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  let insertAt = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/^exit\b/.test(line)) insertAt = i;
    break;
  }
  lines.splice(insertAt, 0, ...commands);
  return `${lines.join(eol)}${eol}`;
}

export function newHookScript(legacyStyle: boolean, commands: readonly string[]): string {
  return `${legacyStyle ? `${LEGACY_HUSKY_HEADER}\n` : ''}${commands.join('\n')}\n`;
}
