/** The parts of an OSV record (https://ossf.github.io/osv-schema/) that matching reads. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  events: OsvEvent[];
}

export interface OsvAffected {
  package: { ecosystem: string; name: string };
  ranges?: OsvRange[];
  versions?: string[];
}

export interface OsvRecord {
  id: string;
  summary?: string;
  aliases?: string[];
  withdrawn?: string;
  modified?: string;
  published?: string;
  affected?: OsvAffected[];
  severity?: { type: string; score: string }[];
  database_specific?: { severity?: string };
  references?: { type: string; url: string }[];
}

export const severities = ['low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number] | 'unknown';

/** GitHub's advisories put the level in database_specific; CVSS vectors alone are not scored here. */
export function severityOf(record: OsvRecord): Severity {
  const level = record.database_specific?.severity?.toLowerCase();
  return (severities as readonly string[]).includes(level ?? '') ? (level as Severity) : 'unknown';
}
