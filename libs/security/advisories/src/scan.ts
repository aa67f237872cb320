import { type InstalledPackage } from './lockfile';
import { matchPackage } from './match';
import { severities, severityOf, type Severity } from './osv';
import { type AdvisorySnapshot } from './snapshot';

export interface Vulnerability {
  package: string;
  version: string;
  advisory: string;
  aliases: string[];
  summary: string;
  severity: Severity;
  fixedIn?: string;
  /** Importer paths that install this version. */
  paths: string[];
}

/** Every installed package version an advisory of the snapshot affects, most severe first. */
export function findVulnerabilities(
  installed: readonly InstalledPackage[],
  snapshot: AdvisorySnapshot,
): Vulnerability[] {
  const found: Vulnerability[] = [];
  for (const pkg of installed) {
    for (const match of matchPackage(snapshot.forPackage(pkg.name), pkg.name, pkg.version)) {
      found.push({
        package: pkg.name,
        version: pkg.version,
        advisory: match.advisory.id,
        aliases: match.advisory.aliases ?? [],
        summary: match.advisory.summary ?? '',
        severity: severityOf(match.advisory),
        ...(match.fixedIn ? { fixedIn: match.fixedIn } : {}),
        paths: pkg.paths,
      });
    }
  }
  return found.sort(
    (a, b) =>
      rank(b.severity) - rank(a.severity) || a.package.localeCompare(b.package) || a.advisory.localeCompare(b.advisory),
  );
}

/** Whether any finding is at or above the threshold (`unknown` counts as failing: it has not been assessed). */
export function failsAt(vulnerabilities: readonly Vulnerability[], threshold: (typeof severities)[number]): boolean {
  return vulnerabilities.some((v) => v.severity === 'unknown' || rank(v.severity) >= rank(threshold));
}

function rank(severity: Severity): number {
  return severity === 'unknown' ? severities.length : severities.indexOf(severity);
}
