import { join } from 'node:path';
import { compileAllowlist, type AllowEntry } from './allowlist';
import { createSecretsBaseline, readSecretsBaseline, writeSecretsBaseline, type SecretsBaseline } from './baseline';
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
  /** What the scan read but could not honour (parts of a .gitleaks.toml). */
  warnings: string[];
}

const sourcesOf = { staged: stagedSources, all: trackedSources, history: historySources };

export async function scanSecrets(request: SecretsScanRequest): Promise<SecretsScanResult> {
  const allowlist = compileAllowlist(request.policy.allowlist);
  const root = gitRoot(request.cwd);
  const rules = loadSecretRules(root, request.policy.gitleaksConfig);
  const baselinePath = join(root, request.policy.baseline);
  const prefix = request.under ? `${request.under.replace(/\/+$/, '')}/` : '';
  const inScope = (file: string) => file.startsWith(prefix);
  const wanted = (file: string) => inScope(file) && !allowlist.skipsFile(file) && !rules.skipsFile(file);
  // A scan of one folder (an Nx project's target) judges and rewrites that folder's entries only.
  const stored = request.updateBaseline && !prefix ? undefined : readSecretsBaseline(baselinePath);
  const baseline = request.updateBaseline ? undefined : stored;
  const sources = sourcesOf[request.mode](root, request.policy.maxFileBytes, wanted);

  const findings: SecretFinding[] = [];
  const seen = new Set<string>();
  // Entries migrated from a gitleaks report match on path and secret, whatever the rule (docs/security.md).
  const anyRuleFingerprint = new Map<string, string>();
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
      anyRuleFingerprint.set(finding.fingerprint, migratedFingerprintOf(source.file, raw.secret));
      findings.push(finding);
    }
    allowlisted += fileRules.allowlisted;
  }
  for (const fingerprint of anyRuleFingerprint.values()) seen.add(fingerprint);

  let baselineWritten: string | undefined;
  if (request.updateBaseline) {
    const outside = (stored?.findings ?? []).filter((entry) => !inScope(entry.file));
    writeSecretsBaseline(baselinePath, createSecretsBaseline([...findings, ...outside]));
    baselineWritten = request.policy.baseline;
  }
  const acceptedFingerprints = new Set(
    request.updateBaseline ? findings.map((f) => f.fingerprint) : (baseline?.findings.map((f) => f.fingerprint) ?? []),
  );
  const accepted = {
    has: (fingerprint: string) =>
      acceptedFingerprints.has(fingerprint) || acceptedFingerprints.has(anyRuleFingerprint.get(fingerprint) ?? ''),
  };
  return {
    mode: request.mode,
    root,
    filesScanned,
    skipped: sources.flatMap((s) =>
      s.skipped ? [{ file: s.file, reason: s.skipped, ...(s.commit ? { commit: s.commit } : {}) }] : [],
    ),
    fresh: findings.filter((f) => !accepted.has(f.fingerprint)),
    known: findings.filter((f) => accepted.has(f.fingerprint)),
    allowlisted,
    resolved:
      request.mode === 'all'
        ? (baseline?.findings ?? []).filter((f) => inScope(f.file) && !seen.has(f.fingerprint))
        : [],
    ...(baselineWritten ? { baselineWritten } : {}),
    warnings: [...rules.warnings],
  };
}
