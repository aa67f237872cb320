import { createHash } from 'node:crypto';

/** One secret found. It never holds the secret itself: only a masked preview and a fingerprint. */
export interface SecretFinding {
  /** Workspace-relative path, with forward slashes. */
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
  /** First four characters, an ellipsis and the length: enough to recognise, useless to an attacker. */
  preview: string;
  /** sha256 of rule, path and secret: stable across runs and line moves, and not reversible. */
  fingerprint: string;
  /** The commit that added the secret (history scans only). */
  commit?: string;
}

/** A finding before masking: what detectors return, kept inside the library. */
export interface RawFinding {
  ruleId: string;
  message: string;
  secret: string;
  start: number;
}

export function maskSecret(secret: string): string {
  // Short secrets (passwords) would be half revealed by four characters; show fewer.
  const shown = secret.length >= 16 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${secret.slice(0, shown)}…(${secret.length} chars)`;
}

export function fingerprintOf(ruleId: string, file: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${file}\0${secret}`).digest('hex').slice(0, 32);
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export function toFinding(raw: RawFinding, file: string, text: string, commit?: string): SecretFinding {
  return {
    file,
    ...positionOf(text, raw.start),
    ruleId: raw.ruleId,
    message: raw.message,
    preview: maskSecret(raw.secret),
    fingerprint: fingerprintOf(raw.ruleId, file, raw.secret),
    ...(commit ? { commit } : {}),
  };
}
