import { sarifLog } from '@paved/sarif';
import { type ReportRenderers } from '@paved/scanner';
import { type SecretsScanResult } from './scan';

const scanned = {
  staged: ['staged file', 'staged files'],
  all: ['tracked file', 'tracked files'],
  history: ['blob in history', 'blobs in history'],
} as const;

/** How `paved scan secrets` and the secrets part of the `scan` target write a report: the masked preview and the fingerprint, never the secret. */
export const secretsRenderers: ReportRenderers<SecretsScanResult> = { human, json: toJson, sarif: toSarif };

function human(result: SecretsScanResult): string {
  const lines = result.fresh.map(
    (f) =>
      `${f.file}:${f.line}:${f.column}  ${f.ruleId}  ${f.preview}${f.commit ? `  (added in ${f.commit.slice(0, 12)})` : ''}\n` +
      `    ${f.message}`,
  );
  const notes = [
    result.known.length ? `${result.known.length} accepted by the baseline` : '',
    result.allowlisted ? `${result.allowlisted} allowlisted` : '',
    result.skipped.length ? `${result.skipped.length} skipped (binary, too large or unreadable)` : '',
    result.resolved.length
      ? `${result.resolved.length} baseline entries no longer found (drop them with --update-baseline)`
      : '',
  ].filter(Boolean);
  lines.push(
    `${result.fresh.length === 0 ? '✔' : '✖'} ${result.filesScanned} ${scanned[result.mode][result.filesScanned === 1 ? 0 : 1]} scanned; ${result.fresh.length} secret${result.fresh.length === 1 ? '' : 's'} found${notes.length ? ` (${notes.join(', ')})` : ''}`,
  );
  if (result.baselineWritten)
    lines.push(
      `wrote ${result.known.length} accepted finding${result.known.length === 1 ? '' : 's'} to ${result.baselineWritten}`,
    );
  if (result.fresh.length > 0)
    lines.push(
      'Remove the secret (and rotate it: it may already be in a clone or a log), or, if it is not one, add an allowlist entry with a reason to paved.json "secrets".',
    );
  return `${lines.join('\n')}\n`;
}

function toJson(result: SecretsScanResult) {
  return {
    ok: result.ok,
    mode: result.mode,
    filesScanned: result.filesScanned,
    findings: result.fresh,
    baselined: result.known,
    allowlisted: result.allowlisted,
    skipped: result.skipped,
    resolvedBaselineEntries: result.resolved,
  };
}

function toSarif(result: SecretsScanResult) {
  const all = [...result.fresh, ...result.known];
  const known = new Set(result.known.map((f) => f.fingerprint));
  const ruleIds = [...new Set(all.map((f) => f.ruleId))].sort();
  return sarifLog(
    {
      name: 'paved-scan-secrets',
      informationUri: 'https://github.com/paved-dev/paved',
      rules: ruleIds.map((id) => ({ id, description: id })),
    },
    all.map((f) => ({
      ruleId: f.ruleId,
      level: 'error',
      message: { text: `${f.message} (${f.preview})${f.commit ? `; added in commit ${f.commit}` : ''}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: f.file },
            region: { startLine: f.line, startColumn: f.column },
          },
        },
      ],
      partialFingerprints: { pavedSecretFingerprint: f.fingerprint },
      // SARIF's own way to say "accepted": viewers hide suppressed results by default.
      ...(known.has(f.fingerprint)
        ? { suppressions: [{ kind: 'external', justification: 'in the secrets baseline' }] }
        : {}),
    })),
  );
}
