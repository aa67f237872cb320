import { requireWorkspaceRoot } from '@paved/conformance';
import { isPavedError } from '@paved/errors';
import { parsePolicy, POLICY_FILE } from '@paved/policy';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkAdvisories } from './checks/advisories';
import { checkConformanceBaseline, checkSecretsBaseline } from './checks/baselines';
import { checkHooks } from './checks/hooks';
import { checkNxPlugin } from './checks/nx-plugin';
import { checkPolicy } from './checks/policy';
import { checkNxRemoteCache, checkTurboRemoteCache } from './checks/remote-cache';
import { checkNode, checkPackageManager } from './checks/toolchain';
import { type DoctorEnvironment } from './environment';
import {
  verdicts,
  type Check,
  type CheckOutcome,
  type CheckReport,
  type DoctorContext,
  type DoctorReport,
  type FixReport,
} from './model';

/** Every check, in the order they are reported. Ids are stable: scripts key on them in the JSON report. */
export const doctorChecks: readonly Check[] = [
  { id: 'node', title: 'Node.js', run: checkNode },
  { id: 'package-manager', title: 'package manager', run: checkPackageManager },
  { id: 'hooks', title: 'git hooks', run: checkHooks },
  { id: 'nx-plugin', title: 'Nx plugin', run: checkNxPlugin },
  { id: 'policy', title: 'paved.json', run: checkPolicy },
  { id: 'conformance-baseline', title: 'conformance baseline', run: checkConformanceBaseline },
  { id: 'secrets-baseline', title: 'secrets baseline', run: checkSecretsBaseline },
  { id: 'nx-remote-cache', title: 'Nx remote cache', run: checkNxRemoteCache },
  { id: 'turbo-remote-cache', title: 'Turborepo remote cache', run: checkTurboRemoteCache },
  { id: 'advisories', title: 'advisory snapshot', run: checkAdvisories },
];

/** The Nx workspace at or above `cwd`; doctor refuses anywhere else (exit 2). */
export function doctorWorkspaceRoot(cwd: string): string {
  return requireWorkspaceRoot(cwd, 'paved doctor');
}

export interface DiagnoseOptions {
  environment: DoctorEnvironment;
  /** Try the safe repairs of failing checks, then check again. */
  fix?: boolean;
  /** The checks to run; all by default (tests narrow it). */
  checks?: readonly Check[];
}

/** Runs every check (then, with fix, the repairs and the checks again) and reports. */
export async function diagnose(options: DiagnoseOptions): Promise<DoctorReport> {
  const checks = options.checks ?? doctorChecks;
  const context = readContext(options.environment);
  const outcomes = new Map<string, CheckOutcome>();
  for (const check of checks) outcomes.set(check.id, await runCheck(check, context));
  const fixes: FixReport[] = [];
  if (options.fix) {
    for (const check of checks) {
      const before = outcomes.get(check.id) as CheckOutcome;
      if (before.verdict !== 'fail') continue;
      if (!before.fix) {
        fixes.push({
          check: check.id,
          action: null,
          fixed: false,
          result: `nothing safe to try: ${before.hint ?? before.reason}`,
        });
        continue;
      }
      let account: string;
      try {
        account = await before.fix.apply();
      } catch (error) {
        fixes.push({ check: check.id, action: before.fix.action, fixed: false, result: (error as Error).message });
        continue;
      }
      const after = await runCheck(check, context);
      outcomes.set(check.id, after);
      fixes.push({
        check: check.id,
        action: before.fix.action,
        fixed: after.verdict !== 'fail',
        result: after.verdict === 'fail' ? `${account}, but it still fails: ${after.reason}` : account,
      });
    }
  }
  const reports: CheckReport[] = checks.map((check) => {
    const { fix, ...outcome } = outcomes.get(check.id) as CheckOutcome;
    return { id: check.id, title: check.title, ...outcome, fixable: fix !== undefined };
  });
  const summary = Object.fromEntries(
    verdicts.map((verdict) => [verdict, reports.filter((r) => r.verdict === verdict).length]),
  ) as DoctorReport['summary'];
  return { version: 1, workspace: context.root, ok: summary.fail === 0, summary, checks: reports, fixes };
}

/** The environment plus paved.json and package.json, read once for every check. */
export function readContext(environment: DoctorEnvironment): DoctorContext {
  const policyPath = join(environment.root, POLICY_FILE);
  const policy = parsePolicy(existsSync(policyPath) ? readFileSync(policyPath, 'utf-8') : undefined, POLICY_FILE);
  let packageJson: Record<string, unknown> | undefined;
  try {
    packageJson = JSON.parse(readFileSync(join(environment.root, 'package.json'), 'utf-8')) as Record<string, unknown>;
  } catch {
    packageJson = undefined;
  }
  return { ...environment, policy, packageJson };
}

/** A check that throws is reported as failing with what it threw, so one broken check never hides the others. */
async function runCheck(check: Check, context: DoctorContext): Promise<CheckOutcome> {
  try {
    return await check.run(context);
  } catch (error) {
    return {
      verdict: 'fail',
      reason: `the check could not run: ${(error as Error).message}`,
      ...(isPavedError(error) ? { problems: [...error.problems] } : {}),
    };
  }
}
