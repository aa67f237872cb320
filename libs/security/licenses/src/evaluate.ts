import { evaluateLicense, isSpdxExpression } from './spdx';
import { type InstalledLicense } from './pnpm-licenses';
import { type WorkspaceManifest } from './workspace-packages';

/** paved.json `licenses`, after the schema applied its defaults. */
export interface LicensePolicy {
  /** SPDX license ids every dependency's license must satisfy. */
  allowed: readonly string[];
  /** Packages reviewed by a person: accepted whatever their license says. */
  exceptions: readonly LicenseException[];
}

export interface LicenseException {
  name: string;
  /** Exact version; without it every version of the package is excepted. */
  version?: string;
  /** The license string reviewed; a package that changes its license is no longer excepted. */
  license?: string;
  reason: string;
}

export type LicenseFinding =
  | {
      kind: 'denied';
      package: string;
      version: string;
      license: string;
      /** The license ids that failed the allowlist. */
      denied: string[];
      paths: string[];
    }
  | { kind: 'needs-review'; package: string; version: string; license: string; reason: string; paths: string[] }
  | { kind: 'workspace-license'; package: string; file: string; license?: string; reason: string };

export interface LicenseReport {
  ok: boolean;
  packagesChecked: number;
  workspacePackagesChecked: number;
  findings: LicenseFinding[];
  /** Packages that would have been findings but carry a reviewed exception. */
  excepted: { package: string; version: string; license: string; reason: string }[];
  /** Exceptions no failing package used: stale reviews, candidates for removal. */
  unusedExceptions: LicenseException[];
}

export interface EvaluateInput {
  installed: readonly InstalledLicense[];
  workspacePackages: readonly WorkspaceManifest[];
  policy: LicensePolicy;
  /** How importers reach a package ("libs/a > x@1.0.0 > y@2.0.0"), from the lockfile. */
  pathsOf?: (name: string, version: string) => string[];
}

/** Every installed package and every workspace package against the policy. */
export function evaluateLicenses(input: EvaluateInput): LicenseReport {
  const allowed = new Set(input.policy.allowed);
  const findings: LicenseFinding[] = [];
  const excepted: LicenseReport['excepted'] = [];
  const used = new Set<LicenseException>();
  for (const pkg of input.installed) {
    const result = evaluateLicense(pkg.license, allowed);
    if (result.verdict === 'allowed') continue;
    const exception = input.policy.exceptions.find(
      (e) =>
        e.name === pkg.name &&
        (e.version === undefined || e.version === pkg.version) &&
        (e.license === undefined || e.license === pkg.license),
    );
    if (exception) {
      used.add(exception);
      excepted.push({ package: pkg.name, version: pkg.version, license: pkg.license, reason: exception.reason });
      continue;
    }
    const base = { package: pkg.name, version: pkg.version, license: pkg.license };
    const paths = input.pathsOf?.(pkg.name, pkg.version) ?? [];
    findings.push(
      result.verdict === 'denied'
        ? { kind: 'denied', ...base, denied: result.denied, paths }
        : { kind: 'needs-review', ...base, reason: result.reason, paths },
    );
  }
  for (const manifest of input.workspacePackages) {
    const reason = workspaceLicenseProblem(manifest);
    if (reason) {
      findings.push({
        kind: 'workspace-license',
        package: manifest.name,
        file: manifest.file,
        ...(typeof manifest.license === 'string' ? { license: manifest.license } : {}),
        reason,
      });
    }
  }
  return {
    ok: findings.length === 0,
    packagesChecked: input.installed.length,
    workspacePackagesChecked: input.workspacePackages.length,
    findings,
    excepted,
    unusedExceptions: input.policy.exceptions.filter((e) => !used.has(e)),
  };
}

/**
 * A workspace package that can be published (not `private`) must declare an SPDX license: it
 * is what its users read. A private package needs none (it is never published on its own), but
 * a license it does declare must still be a valid one, `UNLICENSED` (npm's word for
 * proprietary) included.
 */
function workspaceLicenseProblem(manifest: WorkspaceManifest): string | undefined {
  const { license } = manifest;
  if (license === undefined)
    return manifest.private ? undefined : 'no "license" field on a package that can be published';
  if (typeof license !== 'string') return '"license" must be an SPDX expression string';
  if (license === 'UNLICENSED') {
    return manifest.private ? undefined : '"UNLICENSED" on a package that is not private: it can be published';
  }
  return isSpdxExpression(license) ? undefined : `"${license}" is not an SPDX license expression`;
}
