import { type ExecutorContext } from '@nx/devkit';
import {
  AdvisorySnapshot,
  failsAt,
  findLockfile,
  findVulnerabilities,
  readLockfile,
  type Vulnerability,
  type WorkspaceLockfile,
} from '@paved/advisories';
import { isPavedError } from '@paved/errors';
import { scanLicenses, type LicenseFinding } from '@paved/licenses';
import { loadPolicy, type Policy } from '@paved/policy';
import { formatSecretsReport, scanSecrets } from '@paved/secrets';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ScanExecutorSchema, type Scanner } from './schema';

/** Where `paved advisories import` keeps the snapshot. */
const DEFAULT_ADVISORIES = '.paved/advisories';

/**
 * `nx run <project>:scan`: what `paved scan secrets|deps|licenses` check for the
 * whole workspace, narrowed to one project: its tracked files, and the
 * dependencies it brings in (lockfile paths that start at its folder). So
 * `nx affected -t scan` scans what a change touched, and the cache skips the rest.
 * The lockfile is the workspace's own (pnpm or npm); without one Paved can read, the
 * dependency scans say so and pass: the project is not at fault.
 */
export default async function scanExecutor(
  options: ScanExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const project = context.projectName ? context.projectsConfigurations?.projects[context.projectName] : undefined;
  if (!project) {
    console.error('paved scan: Nx gave no project to scan');
    return { success: false };
  }
  try {
    const policy = loadPolicy(context.root);
    const advisories = join(context.root, options.advisories ?? DEFAULT_ADVISORIES);
    const scanners = options.scanners ?? defaultScanners(policy, existsSync(advisories));
    const lockfile = findLockfile(context.root);
    const unreadable = lockfileProblem(lockfile);
    let success = true;
    if (scanners.includes('secrets')) {
      const result = await scanSecrets({ cwd: context.root, mode: 'all', policy: policy.secrets, under: project.root });
      process.stdout.write(formatSecretsReport(result, 'human'));
      success &&= result.fresh.length === 0;
    }
    if (!scanners.includes('deps'))
      console.log('deps: skipped (no advisory snapshot; `paved advisories import <folder|zip>` makes one)');
    else if (unreadable || !lockfile) console.log(`deps: skipped (${unreadable})`);
    else success = (await scanDeps(context.root, project.root, lockfile, advisories, options)) && success;
    if (!scanners.includes('licenses')) console.log('licenses: skipped (paved.json has no licenses policy)');
    else if (unreadable) console.log(`licenses: skipped (${unreadable})`);
    else success = scanProjectLicenses(context.root, project.root, policy) && success;
    return { success };
  } catch (error) {
    console.error(isPavedError(error) ? error.message : error);
    return { success: false };
  }
}

/** Why the dependency scans cannot read the workspace's lockfile, or undefined when they can. */
function lockfileProblem(lockfile: WorkspaceLockfile | undefined): string | undefined {
  if (!lockfile)
    return 'the workspace has no lockfile (pnpm-lock.yaml, package-lock.json) to read installed packages from';
  if (!lockfile.supported) return `${lockfile.file}: ${lockfile.packageManager} lockfiles are not supported yet`;
  return undefined;
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
  root: string,
  projectRoot: string,
  lockfile: WorkspaceLockfile,
  advisories: string,
  options: ScanExecutorSchema,
) {
  const snapshot = await AdvisorySnapshot.load(advisories);
  const ours = broughtInBy(projectRoot);
  const found: Vulnerability[] = findVulnerabilities(readLockfile(root, lockfile), snapshot)
    .map((v) => ({ ...v, paths: ours(v.paths) }))
    .filter((v) => v.paths.length > 0);
  const threshold = options.failOn ?? 'low';
  for (const v of found) {
    console.log(
      `${v.severity.padEnd(8)} ${v.package}@${v.version}  ${v.advisory}  ${v.fixedIn ? `fix: ${v.fixedIn}` : 'no fix'}  via ${v.paths[0]}`,
    );
  }
  const failing = failsAt(found, threshold);
  console.log(
    `${failing ? '✖' : '✔'} deps: ${found.length} vulnerable dependencies of ${projectRoot} (${lockfile.file}, ${snapshot.records.length} advisories, offline); failing at ${threshold} and above`,
  );
  return !failing;
}

function scanProjectLicenses(root: string, projectRoot: string, policy: Policy): boolean {
  const report = scanLicenses({ root, policy: policy.licenses, prod: policy.licenses?.scope === 'prod' });
  const ours = broughtInBy(projectRoot);
  const manifest = join(projectRoot, 'package.json');
  const findings = report.findings.filter((finding: LicenseFinding) =>
    finding.kind === 'workspace-license' ? finding.file === manifest : ours(finding.paths).length > 0,
  );
  for (const finding of findings) {
    console.log(
      finding.kind === 'workspace-license'
        ? `license  ${finding.package} (${finding.file}): ${finding.reason}`
        : `license  ${finding.package}@${finding.version} "${finding.license}": ${finding.kind === 'denied' ? `not allowed (${finding.denied.join(', ')})` : finding.reason}`,
    );
  }
  console.log(`${findings.length === 0 ? '✔' : '✖'} licenses: ${findings.length} findings for ${projectRoot}`);
  return findings.length === 0;
}
