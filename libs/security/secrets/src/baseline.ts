import { PavedError } from '@paved/errors';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type SecretFinding } from './finding';

/**
 * Accepted findings, by fingerprint (the same idea as `paved check`'s baseline). It holds no
 * secret: the file, rule and masked preview are there so a reviewer can see what was accepted.
 */
export interface SecretsBaseline {
  version: 1;
  findings: { fingerprint: string; ruleId: string; file: string; preview: string }[];
}

export function createSecretsBaseline(
  findings: readonly Pick<SecretFinding, 'fingerprint' | 'ruleId' | 'file' | 'preview'>[],
): SecretsBaseline {
  const unique = new Map(
    findings.map((f) => [
      f.fingerprint,
      { fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, preview: f.preview },
    ]),
  );
  return { version: 1, findings: [...unique.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)) };
}

/** The baseline at `path`, or undefined when there is none yet; a malformed one is an error, never ignored. */
export function readSecretsBaseline(path: string): SecretsBaseline | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: Partial<SecretsBaseline> | undefined;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf-8')) as Partial<SecretsBaseline>;
  } catch {
    parsed = undefined;
  }
  if (
    parsed?.version !== 1 ||
    !Array.isArray(parsed.findings) ||
    !parsed.findings.every((f) => typeof f?.fingerprint === 'string')
  ) {
    throw new PavedError({
      code: 'PAVED-401',
      file: path,
      message: 'not a Paved secrets baseline',
      expected: '{"version": 1, "findings": [{"fingerprint": "…", …}]}',
      hint: 'regenerate it with paved scan secrets --all --update-baseline',
    });
  }
  return parsed as SecretsBaseline;
}

export function writeSecretsBaseline(path: string, baseline: SecretsBaseline): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}
