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

export const scanModes = ['staged', 'all', 'history'] as const;

/** paved.json's `secrets` section with its defaults applied (@paved/policy's SecretsPolicy). */
export interface SecretsSettings {
  allowlist: readonly AllowEntry[];
  /** Repository-relative path of the baseline file. */
  baseline: string;
  maxFileBytes: number;
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
}

const sourcesOf = { staged: stagedSources, all: trackedSources, history: historySources };

export async function scanSecrets(request: SecretsScanRequest): Promise<SecretsScanResult> {
  const allowlist = compileAllowlist(request.policy.allowlist);
  const root = gitRoot(request.cwd);
  const location = secretsBaselineLocation(root, request.policy.baseline);
  const prefix = request.under ? `${request.under.replace(/\/+$/, '')}/` : '';
  const inScope = (file: string) => file.startsWith(prefix);
  const wanted = (file: string) => inScope(file) && !allowlist.skipsFile(file);
  // A scan of one folder (an Nx project's target) judges and rewrites that folder's entries only.
  const covers = (entry: SecretsBaselineEntry) => inScope(entry.file);
  const sources = sourcesOf[request.mode](root, request.policy.maxFileBytes, wanted);

  const findings: SecretFinding[] = [];
  const seen = new Set<string>();
  let allowlisted = 0;
  let filesScanned = 0;
  for (const source of sources) {
    if (!source.content) continue;
    filesScanned += 1;
    const text = source.content.toString('utf-8');
    for (const raw of await detectSecrets(source.file, text)) {
      if (allowlist.accepts(source.file, raw)) {
        allowlisted += 1;
        continue;
      }
      const finding = toFinding(raw, source.file, text, source.commit);
      // History shows the same secret in every later version of a file: report where it first appeared.
      if (seen.has(finding.fingerprint)) continue;
      seen.add(finding.fingerprint);
      findings.push(finding);
    }
  }

  const baseline = request.updateBaseline
    ? updateBaseline(location, findings, secretsBaselineEntryOf, prefix ? covers : undefined)
    : readBaseline<SecretsBaselineEntry>(location);
  const verdict = judgeByBaseline(findings, baseline, covers);
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
  };
}
