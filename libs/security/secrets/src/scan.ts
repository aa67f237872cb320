import { judgeByBaseline, readBaseline, updateBaseline } from '@paved/scanner';
import { compileAllowlist, type AllowEntry } from './allowlist';
import {
  secretsBaselineEntryOf,
  secretsBaselineLocation,
  type SecretsBaseline,
  type SecretsBaselineEntry,
} from './baseline';
import { detectSecrets } from './detector';
import { toFinding, type SecretFinding } from './finding';
import { gitRoot, historySources, stagedSources, trackedSources, type ScanSource } from './git-sources';
import { migratedFingerprintOf } from './gitleaks/baseline-from-report';
import { loadSecretRules } from './gitleaks/rule-set';

export const scanModes = ['staged', 'all', 'history'] as const;

/** paved.json's `secrets` section with its defaults applied (@paved/policy's SecretsPolicy). */
export interface SecretsSettings {
  allowlist: readonly AllowEntry[];
  /** Repository-relative path of the baseline file. */
  baseline: string;
  maxFileBytes: number;
  /** A gitleaks configuration to read; false reads none; unset reads `.gitleaks.toml` when the repository has one. */
  gitleaksConfig?: string | false;
}
export type SecretsScanMode = (typeof scanModes)[number];

export interface SecretsScanRequest {
  /** Any folder inside the repository. */
  cwd: string;
  mode: SecretsScanMode;
  policy: SecretsSettings;
  /** Only files under this repository-relative folder (an Nx project's root, for its target). */
  under?: string;
  /** Write every finding not allowlisted into the baseline, accepting them. */
  updateBaseline?: boolean;
}

export interface SecretsScanResult {
  /** No finding the baseline does not accept. */
  ok: boolean;
  mode: SecretsScanMode;
  /** Repository root: finding paths are relative to it. */
  root: string;
  filesScanned: number;
  skipped: { file: string; reason: NonNullable<ScanSource['skipped']>; commit?: string }[];
  /** Findings the baseline does not know: these fail the scan. */
  fresh: SecretFinding[];
  /** Findings the baseline accepted. */
  known: SecretFinding[];
  /** How many matches the allowlist accepted. */
  allowlisted: number;
  /** Baseline entries of the scanned folder no longer found (only a scan of every tracked file can tell). */
  resolved: SecretsBaseline['findings'];
  /** Workspace-relative path of the baseline written by updateBaseline. */
  baselineWritten?: string;
  /** What the scan read but could not honour (parts of a .gitleaks.toml), as `warning: …` lines for stderr. */
  warnings: string[];
}

const sourcesOf = { staged: stagedSources, all: trackedSources, history: historySources };

export async function scanSecrets(request: SecretsScanRequest): Promise<SecretsScanResult> {
  const allowlist = compileAllowlist(request.policy.allowlist);
  const root = gitRoot(request.cwd);
  const rules = loadSecretRules(root, request.policy.gitleaksConfig);
  const location = secretsBaselineLocation(root, request.policy.baseline);
  const prefix = request.under ? `${request.under.replace(/\/+$/, '')}/` : '';
  const inScope = (file: string) => file.startsWith(prefix);
  const wanted = (file: string) => inScope(file) && !allowlist.skipsFile(file) && !rules.skipsFile(file);
  // A scan of one folder (an Nx project's target) judges and rewrites that folder's entries only.
  const covers = (entry: SecretsBaselineEntry) => inScope(entry.file);
  const sources = sourcesOf[request.mode](root, request.policy.maxFileBytes, wanted);

  const findings: SecretFinding[] = [];
  const seen = new Set<string>();
  // Entries migrated from a gitleaks report match on path and secret, whatever the rule (docs/security.md).
  const findingsOfMigrated = new Map<string, string[]>();
  let allowlisted = 0;
  let filesScanned = 0;
  for (const source of sources) {
    if (!source.content) continue;
    filesScanned += 1;
    const text = source.content.toString('utf-8');
    const fileRules = rules.forFile(source.file, source.commit);
    for (const raw of await detectSecrets(source.file, text, fileRules)) {
      if (allowlist.accepts(source.file, raw) || fileRules.accepts(raw, text)) {
        allowlisted += 1;
        continue;
      }
      const finding = toFinding(raw, source.file, text, source.commit);
      // History shows the same secret in every later version of a file: report where it first appeared.
      if (seen.has(finding.fingerprint)) continue;
      seen.add(finding.fingerprint);
      const migrated = migratedFingerprintOf(source.file, raw.secret);
      findingsOfMigrated.set(migrated, [...(findingsOfMigrated.get(migrated) ?? []), finding.fingerprint]);
      findings.push(finding);
    }
    allowlisted += fileRules.allowlisted;
  }

  const baseline = request.updateBaseline
    ? updateBaseline(location, findings, secretsBaselineEntryOf, prefix ? covers : undefined)
    : readBaseline<SecretsBaselineEntry>(location);
  const verdict = judgeByBaseline(findings, baseline && acceptingMigrated(baseline, findingsOfMigrated), covers);
  return {
    ok: verdict.fresh.length === 0,
    mode: request.mode,
    root,
    filesScanned,
    skipped: sources.flatMap((s) =>
      s.skipped ? [{ file: s.file, reason: s.skipped, ...(s.commit ? { commit: s.commit } : {}) }] : [],
    ),
    fresh: verdict.fresh,
    known: verdict.known,
    allowlisted,
    // Only a scan of every tracked file can tell that a secret is gone.
    resolved: request.mode === 'all' ? verdict.resolved : [],
    ...(request.updateBaseline ? { baselineWritten: request.policy.baseline } : {}),
    warnings: rules.warnings.map((warning) => `warning: ${warning}\n`),
  };
}

/**
 * The baseline as judgeByBaseline reads it: an entry migrated from gitleaks (fingerprint of path
 * and secret) stands for the fingerprint of every finding of that secret in that file, so it
 * accepts them and is not reported as resolved while one is still there.
 */
function acceptingMigrated(
  baseline: SecretsBaseline,
  findingsOfMigrated: ReadonlyMap<string, readonly string[]>,
): SecretsBaseline {
  return {
    ...baseline,
    findings: baseline.findings.flatMap((entry) =>
      (findingsOfMigrated.get(entry.fingerprint) ?? [entry.fingerprint]).map((fingerprint) => ({
        ...entry,
        fingerprint,
      })),
    ),
  };
}
