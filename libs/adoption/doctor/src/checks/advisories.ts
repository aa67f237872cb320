import { DEFAULT_ADVISORY_STORE, MANIFEST_FILE, readStoreManifest, stalenessOf } from '@paved/advisories';
import { isPavedError } from '@paved/errors';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { policyNotValid, type CheckOutcome, type DoctorContext } from '../model';

const refresh =
  'download https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip on a connected machine, then `paved advisories import all.zip`';

/** The snapshot `paved advisories import` stored, against paved.json `advisories.maxAgeDays`. */
export function checkAdvisories(context: DoctorContext): CheckOutcome {
  if (!context.policy.policy) return policyNotValid();
  const { maxAgeDays } = context.policy.policy.advisories;
  const dir = join(context.root, DEFAULT_ADVISORY_STORE);
  if (!existsSync(join(dir, MANIFEST_FILE))) {
    return {
      verdict: 'warn',
      reason: `no advisory snapshot in ${DEFAULT_ADVISORY_STORE}: paved scan deps has nothing to match against`,
      hint: refresh,
      details: { store: DEFAULT_ADVISORY_STORE, maxAgeDays },
    };
  }
  let manifest;
  try {
    manifest = readStoreManifest(dir);
  } catch (error) {
    if (!isPavedError(error)) throw error;
    return {
      verdict: 'fail',
      reason: `the advisory snapshot in ${DEFAULT_ADVISORY_STORE} is unreadable`,
      hint: `import it again: ${refresh}`,
      problems: [...error.problems],
      details: { store: DEFAULT_ADVISORY_STORE, maxAgeDays },
    };
  }
  const { ageDays, stale } = stalenessOf(
    { kind: 'store', path: dir, snapshotDate: manifest.snapshotDate },
    maxAgeDays,
    context.now,
  );
  const details = {
    store: DEFAULT_ADVISORY_STORE,
    snapshotDate: manifest.snapshotDate,
    importedAt: manifest.importedAt,
    advisories: manifest.counts?.npm ?? null,
    ageDays,
    maxAgeDays,
  };
  if (ageDays === null) {
    return { verdict: 'warn', reason: 'the advisory snapshot has no dated advisories', hint: refresh, details };
  }
  const age = `${ageDays} day${ageDays === 1 ? '' : 's'} old (newest advisory ${manifest.snapshotDate?.slice(0, 10)}; limit ${maxAgeDays} days, advisories.maxAgeDays)`;
  if (stale) {
    return {
      verdict: 'warn',
      reason: `the advisory snapshot is ${age}: vulnerabilities published since are not found`,
      hint: refresh,
      details,
    };
  }
  return { verdict: 'pass', reason: `advisory snapshot is ${age}`, details };
}
