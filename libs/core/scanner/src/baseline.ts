import { PavedError } from '@paved/errors';
import { readRegularText } from '@paved/repo-files';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The one baseline every scanner that has one keeps (`paved check`, `paved scan secrets`):
 * accepted findings by fingerprint. Only the fingerprint decides; the rest of an entry is for
 * the reviewer and depends on the scanner.
 */
export interface BaselineEntry {
  fingerprint: string;
}

export interface Baseline<E extends BaselineEntry = BaselineEntry> {
  version: 1;
  findings: E[];
}

/** Where a scanner keeps its baseline, and the command that writes it (named when it is broken). */
export interface BaselineLocation {
  root: string;
  /** Workspace-relative path. */
  file: string;
  /** The command that regenerates it, e.g. `paved check --update-baseline`. */
  regenerate: string;
}

/** A baseline is a list of fingerprints; far past this it is not one, and reading it would cost the machine. */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/**
 * The baseline at its location, or undefined when there is none (`required`: a file the user
 * named, whose absence is PAVED-106). Anything else that is not a baseline (not a regular file,
 * too large, not JSON, the wrong shape) is PAVED-430: a broken baseline is never read as an empty
 * one, which would fail every accepted finding, nor as a partial one.
 */
export function readBaseline<E extends BaselineEntry>(
  location: BaselineLocation,
  options: { required?: boolean } = {},
): Baseline<E> | undefined {
  const text = readBaselineText(location, options.required === true);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw notABaseline(location, `is not JSON (${(error as Error).message})`);
  }
  const shape = parsed as Partial<Baseline> | null;
  if (typeof shape !== 'object' || shape === null || shape.version !== 1 || !Array.isArray(shape.findings))
    throw notABaseline(location, 'is not a Paved baseline');
  const bad = shape.findings.findIndex(
    (entry: unknown) => typeof (entry as Partial<BaselineEntry> | null)?.fingerprint !== 'string',
  );
  if (bad !== -1) throw notABaseline(location, `findings[${bad}] has no "fingerprint" string`);
  return parsed as Baseline<E>;
}

/** The text of the file, read only if it is a regular file within the size a baseline may have. */
function readBaselineText(location: BaselineLocation, required: boolean): string | undefined {
  const read = readRegularText(join(location.root, location.file), MAX_BASELINE_BYTES);
  if (read.kind === 'text') return read.text;
  if (read.kind === 'refused') {
    const kindOfFile = read.cause === 'folder' || read.cause === 'not-regular';
    throw notABaseline(location, kindOfFile ? 'is not a regular file' : read.reason);
  }
  if (!required) return undefined;
  throw new PavedError({
    code: 'PAVED-106',
    file: location.file,
    message: 'baseline file not found',
    hint: `create it with \`${location.regenerate}\``,
  });
}

function notABaseline(location: BaselineLocation, what: string): PavedError {
  return new PavedError({
    code: 'PAVED-430',
    file: location.file,
    message: `the baseline ${what}`,
    expected: `a regular JSON file of at most ${MAX_BASELINE_BYTES} bytes: {"version": 1, "findings": [{"fingerprint": "…", …}]}`,
    hint: `restore it from version control, or regenerate it with \`${location.regenerate}\``,
  });
}

export function writeBaseline(location: BaselineLocation, baseline: Baseline): void {
  const path = join(location.root, location.file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Whether a scan looked for this entry: a scan of one project neither fixes nor replaces another's entries. */
export type BaselineCoverage<E extends BaselineEntry> = (entry: E) => boolean;

export interface BaselineVerdict<F, E> {
  /** Findings the baseline does not know: these fail the scan. */
  fresh: F[];
  /** Findings the baseline accepted. */
  known: F[];
  /** Entries of what the scan covered that it no longer found: fixed, to drop with --update-baseline. */
  resolved: E[];
}

export function judgeByBaseline<F extends BaselineEntry, E extends BaselineEntry>(
  findings: readonly F[],
  baseline: Baseline<E> | undefined,
  covers: BaselineCoverage<E> = () => true,
): BaselineVerdict<F, E> {
  const accepted = new Set(baseline?.findings.map((entry) => entry.fingerprint));
  const current = new Set(findings.map((finding) => finding.fingerprint));
  return {
    fresh: findings.filter((finding) => !accepted.has(finding.fingerprint)),
    known: findings.filter((finding) => accepted.has(finding.fingerprint)),
    resolved: (baseline?.findings ?? []).filter((entry) => covers(entry) && !current.has(entry.fingerprint)),
  };
}

/**
 * The baseline that accepts today's findings, one entry per fingerprint, sorted so that it diffs
 * well. Entries of `previous` the scan did not cover are kept as they were.
 */
export function acceptIntoBaseline<F, E extends BaselineEntry>(
  findings: readonly F[],
  entryOf: (finding: F) => E,
  previous?: Baseline<E>,
  covers: BaselineCoverage<E> = () => true,
): Baseline<E> {
  const kept = (previous?.findings ?? []).filter((entry) => !covers(entry));
  const unique = new Map(kept.map((entry) => [entry.fingerprint, entry]));
  for (const finding of findings) {
    const entry = entryOf(finding);
    unique.set(entry.fingerprint, entry);
  }
  return { version: 1, findings: [...unique.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)) };
}

/**
 * `--update-baseline`: accepts today's findings and writes the file. A scan of everything
 * replaces the file without reading it, so a broken baseline is regenerated by the command its
 * PAVED-430 names; a scan of a part (`covers`) has to keep the other entries, so it reads the
 * file and refuses a broken one.
 */
export function updateBaseline<F, E extends BaselineEntry>(
  location: BaselineLocation,
  findings: readonly F[],
  entryOf: (finding: F) => E,
  covers?: BaselineCoverage<E>,
): Baseline<E> {
  const previous = covers ? readBaseline<E>(location) : undefined;
  const updated = acceptIntoBaseline(findings, entryOf, previous, covers);
  writeBaseline(location, updated);
  return updated;
}
