import semver from 'semver';
import { type OsvAffected, type OsvRange, type OsvRecord } from './osv';

/** npm package names are case-insensitive for matching (OSV data has spelled "axios" as "Axios"). */
export const normalizeName = (name: string): string => name.toLowerCase();

const compare = (a: string, b: string): number =>
  a === '0' ? (b === '0' ? 0 : -1) : b === '0' ? 1 : semver.compare(a, b);

function eventVersion(event: OsvRange['events'][number]): string {
  return event.introduced ?? event.fixed ?? event.last_affected ?? event.limit ?? '0';
}

/**
 * OSV range evaluation for SEMVER/ECOSYSTEM ranges of npm: walk the events in
 * version order; `introduced` at or below the version turns "affected" on,
 * `fixed` at or below turns it off, `last_affected` below it turns it off.
 * Ranges list events in any order, so they are sorted first.
 */
export function inRange(version: string, range: OsvRange): boolean {
  if (range.type === 'GIT') return false;
  let affected = false;
  const events = [...range.events].sort((a, b) => compare(eventVersion(a), eventVersion(b)));
  for (const event of events) {
    if (event.introduced !== undefined && compare(version, event.introduced) >= 0) affected = true;
    else if (event.fixed !== undefined && compare(version, event.fixed) >= 0) affected = false;
    else if (event.last_affected !== undefined && compare(version, event.last_affected) > 0) affected = false;
    else if (event.limit !== undefined && compare(version, event.limit) >= 0) affected = false;
  }
  return affected;
}

export function isAffected(version: string, affected: OsvAffected): boolean {
  if (!semver.valid(version)) return false;
  if (affected.versions?.includes(version)) return true;
  return (affected.ranges ?? []).some((range) => inRange(version, range));
}

export interface Match {
  advisory: OsvRecord;
  affected: OsvAffected;
  /** The lowest fixed version above the installed one, if any. */
  fixedIn?: string;
}

/** Advisories (not withdrawn) that affect `name@version` in the npm ecosystem. */
export function matchPackage(records: readonly OsvRecord[], name: string, version: string): Match[] {
  const wanted = normalizeName(name);
  const matches: Match[] = [];
  for (const advisory of records) {
    if (advisory.withdrawn) continue;
    for (const affected of advisory.affected ?? []) {
      if (affected.package.ecosystem !== 'npm' || normalizeName(affected.package.name) !== wanted) continue;
      if (isAffected(version, affected)) {
        matches.push({ advisory, affected, fixedIn: fixedVersion(version, affected) });
        break;
      }
    }
  }
  return matches;
}

function fixedVersion(version: string, affected: OsvAffected): string | undefined {
  const fixes = (affected.ranges ?? [])
    .flatMap((range) => range.events.map((event) => event.fixed))
    .filter(
      (fixed): fixed is string => fixed !== undefined && semver.valid(fixed) !== null && semver.gt(fixed, version),
    )
    .sort(semver.compare);
  return fixes[0];
}
