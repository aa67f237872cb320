import { PavedError, type Problem } from '@paved/errors';
import { writeBaseline } from '@paved/scanner';
import { isAbsolute, relative, resolve } from 'node:path';
import { createSecretsBaseline, readSecretsBaseline, secretsBaselineLocation } from '../baseline';
import { fingerprintOf, maskSecret } from '../finding';
import { gitRoot } from '../git-sources';
import { readRepositoryFile } from './read-file';

/** A gitleaks report of a large history can be tens of megabytes; more than this is not one to migrate. */
export const MAX_GITLEAKS_REPORT_BYTES = 256 * 1024 * 1024;

/**
 * The fingerprint of a baseline entry migrated from gitleaks: path and secret, no rule (`*` is
 * no rule's id). gitleaks' rule ids are not Paved's, so a migrated exception accepts whichever
 * Paved rule finds the same secret in the same file.
 */
export function migratedFingerprintOf(file: string, secret: string): string {
  return fingerprintOf('*', file, secret);
}

export interface GitleaksImportRequest {
  /** Any folder inside the repository. */
  cwd: string;
  /** The gitleaks JSON report, absolute or relative to cwd. */
  report: string;
  /** Repository-relative path of the secrets baseline (paved.json secrets.baseline). */
  baseline: string;
}

export interface GitleaksImportResult {
  /** Repository-relative path of the baseline written. */
  baselineWritten: string;
  /** Findings in the report. */
  findings: number;
  /** Baseline entries the report added (a secret reported at several lines or commits counts once). */
  added: number;
  /** Entries in the baseline now. */
  total: number;
}

const redacted = (secret: string) => secret === 'REDACTED' || secret.endsWith('...');

/**
 * Adds every finding of a gitleaks JSON report (`gitleaks git|dir --report-format json`) to the
 * secrets baseline as an exception matched on path and secret. The baseline keeps only the
 * fingerprint and a masked preview, never the secret. Refuses, writing nothing, a report that is
 * not gitleaks JSON or whose secrets are redacted (`--redact`: there is nothing to fingerprint).
 */
export function baselineFromGitleaksReport(request: GitleaksImportRequest): GitleaksImportResult {
  const root = gitRoot(request.cwd);
  const reportPath = resolve(request.cwd, request.report);
  const text = readRepositoryFile(reportPath, MAX_GITLEAKS_REPORT_BYTES, request.cwd, 'gitleaks report');
  const shown = request.report;
  if (text === undefined)
    throw new PavedError({
      code: 'PAVED-410',
      file: shown,
      message: 'gitleaks report does not exist',
      expected: 'the file gitleaks --report-path wrote',
    });
  const notReport = (keyPath: string | undefined, message: string, expected: string): Problem => ({
    code: 'PAVED-415',
    file: shown,
    ...(keyPath ? { keyPath } : {}),
    message,
    expected,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PavedError(notReport(undefined, `is not JSON: ${(error as Error).message}`, 'a gitleaks JSON report'));
  }
  if (!Array.isArray(parsed))
    throw new PavedError(notReport(undefined, 'is not a list of findings', 'a JSON array of gitleaks findings'));
  const problems: Problem[] = [];
  const entries = parsed.flatMap((item: unknown, index) => {
    const finding = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const missing = ['File', 'Secret', 'RuleID'].filter((key) => typeof finding[key] !== 'string' || !finding[key]);
    if (missing.length > 0) {
      problems.push(
        notReport(
          `[${index}]`,
          `has no ${missing.join(', ')}`,
          'a gitleaks finding with File, Secret and RuleID strings',
        ),
      );
      return [];
    }
    const secret = finding.Secret as string;
    if (redacted(secret)) {
      problems.push(
        notReport(
          `[${index}].Secret`,
          'is redacted, so it cannot be fingerprinted',
          'a report written without --redact (delete it once migrated: it holds the secrets)',
        ),
      );
      return [];
    }
    const file = repositoryPath(root, request.cwd, finding.File as string);
    if (file === undefined) {
      problems.push(
        notReport(
          `[${index}].File`,
          `${String(finding.File)} is outside the repository`,
          'a path inside the repository',
        ),
      );
      return [];
    }
    return [
      {
        fingerprint: migratedFingerprintOf(file, secret),
        ruleId: `gitleaks:${finding.RuleID as string}`,
        file,
        preview: maskSecret(secret),
      },
    ];
  });
  if (problems.length > 0) throw new PavedError(problems);
  const existing = readSecretsBaseline(root, request.baseline)?.findings ?? [];
  const known = new Set(existing.map((entry) => entry.fingerprint));
  const baseline = createSecretsBaseline([...existing, ...entries]);
  writeBaseline(secretsBaselineLocation(root, request.baseline), baseline);
  return {
    baselineWritten: request.baseline,
    findings: parsed.length,
    added: baseline.findings.filter((entry) => !known.has(entry.fingerprint)).length,
    total: baseline.findings.length,
  };
}

/**
 * A report's File as a repository-relative path: gitleaks writes paths relative to where it ran
 * (`./src/a.ts` from `gitleaks dir .`), or absolute ones when it was given an absolute source.
 */
function repositoryPath(root: string, cwd: string, file: string): string | undefined {
  const normalized = file.replace(/\\/g, '/');
  const path = relative(root, isAbsolute(normalized) ? normalized : resolve(cwd, normalized)).replace(/\\/g, '/');
  return path === '' || path.startsWith('../') || path === '..' || isAbsolute(path) ? undefined : path;
}
