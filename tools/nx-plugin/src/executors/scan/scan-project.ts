import {
  AdvisorySnapshot,
  DEFAULT_ADVISORY_STORE,
  failsAt,
  findLockfile,
  findVulnerabilities,
  readLockfile,
  type InstalledPackage,
  type WorkspaceLockfile,
} from '@paved/advisories';
import { isPavedError } from '@paved/errors';
import { scanLicenses, type LicenseFinding, type ScanLicensesReport } from '@paved/licenses';
import { loadPolicy, type Policy } from '@paved/policy';
import { formatSecretsReport, scanSecrets } from '@paved/secrets';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ScanExecutorSchema, type Scanner } from './schema';

/**
 * What every project's scan shares, read once however many projects a process scans: the
 * policy, the lockfile and what it installs, advisory snapshots, and the workspace's license
 * listing (one `pnpm licenses list` for all projects of a batch).
 */
export class WorkspaceScan {
  readonly policy: Policy;
  readonly lockfile: WorkspaceLockfile | undefined;
  private installed?: InstalledPackage[];
  private licenses?: ScanLicensesReport | Error;
  private readonly snapshots = new Map<string, Promise<AdvisorySnapshot>>();

  constructor(readonly root: string) {
    this.policy = loadPolicy(root);
    this.lockfile = findLockfile(root);
  }

  /** Why the dependency scans cannot read the workspace's lockfile, or undefined when they can. */
  get lockfileProblem(): string | undefined {
    if (!this.lockfile)
      return 'the workspace has no lockfile (pnpm-lock.yaml, package-lock.json) to read installed packages from';
    if (!this.lockfile.supported)
      return `${this.lockfile.file}: ${this.lockfile.packageManager} lockfiles are not supported yet`;
    return undefined;
  }

  installedPackages(lockfile: WorkspaceLockfile): InstalledPackage[] {
    this.installed ??= readLockfile(this.root, lockfile);
    return this.installed;
  }

  snapshot(folder: string): Promise<AdvisorySnapshot> {
    const loaded = this.snapshots.get(folder) ?? AdvisorySnapshot.load(folder);
    this.snapshots.set(folder, loaded);
    return loaded;
  }

  /** The workspace's license report; a listing that failed fails every project the same way, without retrying. */
  licenseReport(): ScanLicensesReport {
    if (!this.licenses) {
      try {
        this.licenses = scanLicenses({
          root: this.root,
          policy: this.policy.licenses,
          prod: this.policy.licenses?.scope === 'prod',
        });
      } catch (error) {
        this.licenses = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (this.licenses instanceof Error) throw this.licenses;
    return this.licenses;
  }
}

/**
 * One project's scan: what `paved scan secrets|deps|licenses` check for the whole workspace,
 * narrowed to the project: its tracked files, and the dependencies it brings in (lockfile paths
 * that start at its folder). Without a lockfile Paved can read, the dependency scans say so and
 * pass: the project is not at fault. Returns the report instead of printing it, so a batch can
 * hand each task its own.
 */
export async function scanProject(
  workspace: WorkspaceScan,
  projectRoot: string,
  options: ScanExecutorSchema,
): Promise<{ success: boolean; output: string }> {
  const lines: string[] = [];
  try {
    const advisories = join(workspace.root, options.advisories ?? DEFAULT_ADVISORY_STORE);
    const scanners = options.scanners ?? defaultScanners(workspace.policy, existsSync(advisories));
    const unreadable = workspace.lockfileProblem;
    let success = true;
    if (scanners.includes('secrets')) {
      const result = await scanSecrets({
        cwd: workspace.root,
        mode: 'all',
        policy: workspace.policy.secrets,
        // The root project's files are the whole tree.
        ...(projectRoot === '.' || projectRoot === '' ? {} : { under: projectRoot }),
      });
      lines.push(formatSecretsReport(result, 'human').replace(/\n$/, ''));
      success &&= result.fresh.length === 0;
    }
    if (!scanners.includes('deps'))
      lines.push('deps: skipped (no advisory snapshot; `paved advisories import <folder|zip>` makes one)');
    else if (unreadable || !workspace.lockfile) lines.push(`deps: skipped (${unreadable})`);
    else success = (await scanDeps(workspace, workspace.lockfile, projectRoot, advisories, options, lines)) && success;
    if (!scanners.includes('licenses')) lines.push('licenses: skipped (paved.json has no licenses policy)');
    else if (unreadable) lines.push(`licenses: skipped (${unreadable})`);
    else success = scanProjectLicenses(workspace, projectRoot, lines) && success;
    return { success, output: `${lines.join('\n')}\n` };
  } catch (error) {
    lines.push(isPavedError(error) ? error.message : String(error));
    return { success: false, output: `${lines.join('\n')}\n` };
  }
}

function defaultScanners(policy: Policy, hasSnapshot: boolean): Scanner[] {
  return ['secrets', ...(hasSnapshot ? (['deps'] as const) : []), ...(policy.licenses ? (['licenses'] as const) : [])];
}

/** Lockfile paths read "libs/a > x@1.0.0 > y@2.0.0", and "." for the workspace root. */
function broughtInBy(projectRoot: string) {
  const prefix = `${projectRoot === '' ? '.' : projectRoot} > `;
  return (paths: readonly string[]) => paths.filter((path) => path.startsWith(prefix));
}

async function scanDeps(
  workspace: WorkspaceScan,
  lockfile: WorkspaceLockfile,
  projectRoot: string,
  advisories: string,
  options: ScanExecutorSchema,
  lines: string[],
): Promise<boolean> {
  const snapshot = await workspace.snapshot(advisories);
  const ours = broughtInBy(projectRoot);
  const found = findVulnerabilities(workspace.installedPackages(lockfile), snapshot)
    .map((v) => ({ ...v, paths: ours(v.paths) }))
    .filter((v) => v.paths.length > 0);
  const threshold = options.failOn ?? 'low';
  for (const v of found) {
    lines.push(
      `${v.severity.padEnd(8)} ${v.package}@${v.version}  ${v.advisory}  ${v.fixedIn ? `fix: ${v.fixedIn}` : 'no fix'}  via ${v.paths[0]}`,
    );
  }
  const failing = failsAt(found, threshold);
  lines.push(
    `${failing ? '✖' : '✔'} deps: ${found.length} vulnerable dependencies of ${projectRoot} (${lockfile.file}, ${snapshot.records.length} advisories, offline); failing at ${threshold} and above`,
  );
  return !failing;
}

function scanProjectLicenses(workspace: WorkspaceScan, projectRoot: string, lines: string[]): boolean {
  const report = workspace.licenseReport();
  const ours = broughtInBy(projectRoot);
  const manifest = join(projectRoot, 'package.json');
  const findings = report.findings.filter((finding: LicenseFinding) =>
    finding.kind === 'workspace-license' ? finding.file === manifest : ours(finding.paths).length > 0,
  );
  for (const finding of findings) {
    lines.push(
      finding.kind === 'workspace-license'
        ? `license  ${finding.package} (${finding.file}): ${finding.reason}`
        : `license  ${finding.package}@${finding.version} "${finding.license}": ${finding.kind === 'denied' ? `not allowed (${finding.denied.join(', ')})` : finding.reason}`,
    );
  }
  lines.push(`${findings.length === 0 ? '✔' : '✖'} licenses: ${findings.length} findings for ${projectRoot}`);
  return findings.length === 0;
}
