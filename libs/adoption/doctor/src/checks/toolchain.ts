import { existsSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { policyNotValid, type CheckOutcome, type DoctorContext } from '../model';

/** Node.js against paved.json `toolchain.node`. */
export function checkNode(context: DoctorContext): CheckOutcome {
  const { policy } = context;
  if (!policy.policy) return policyNotValid();
  const version = semver.clean(context.nodeVersion) ?? context.nodeVersion;
  const range = policy.policy.toolchain.node;
  const details = { version, range: range ?? null };
  if (range === undefined) {
    return { verdict: 'pass', reason: `Node.js ${version} (paved.json pins no range: toolchain.node)`, details };
  }
  if (semver.validRange(range) === null) {
    return {
      verdict: 'fail',
      reason: `paved.json toolchain.node "${range}" is not a semver range`,
      hint: 'write it as in package.json engines.node, e.g. ">=20.19.0 <21 || >=22.12.0"',
      details,
    };
  }
  if (semver.satisfies(version, range)) {
    return { verdict: 'pass', reason: `Node.js ${version} satisfies "${range}" (toolchain.node)`, details };
  }
  return {
    verdict: 'fail',
    reason: `Node.js ${version} does not satisfy "${range}" (toolchain.node)`,
    hint: `switch to a Node.js in that range (the lowest is ${semver.minVersion(range)?.version ?? range}), e.g. with nvm, fnm or volta`,
    details,
  };
}

export const packageManagers = ['pnpm', 'npm', 'yarn', 'bun'] as const;
export type PackageManagerName = (typeof packageManagers)[number];

const lockfiles: [string, PackageManagerName][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
];

/** `name@version`, as in package.json packageManager (a `+sha…` suffix is dropped). */
export function parsePackageManagerSpec(spec: string): { name: PackageManagerName; version: string } | undefined {
  const at = spec.indexOf('@');
  const name = spec.slice(0, at) as PackageManagerName;
  const version = spec.slice(at + 1).split('+')[0];
  return at > 0 && packageManagers.includes(name) && semver.valid(version) === version ? { name, version } : undefined;
}

/** Which package manager the workspace uses, and what says so. */
export function workspacePackageManager(
  context: Pick<DoctorContext, 'root' | 'packageJson'>,
): { name: PackageManagerName; declared?: string; source: string } | { invalid: string } | undefined {
  const field = context.packageJson?.packageManager;
  if (field !== undefined) {
    const parsed = typeof field === 'string' ? parsePackageManagerSpec(field) : undefined;
    if (!parsed) return { invalid: String(field) };
    return { name: parsed.name, declared: parsed.version, source: 'package.json packageManager' };
  }
  const found = lockfiles.find(([file]) => existsSync(join(context.root, file)));
  return found ? { name: found[1], source: found[0] } : undefined;
}

/**
 * The package manager the workspace uses (packageManager in package.json, else its lockfile)
 * against paved.json `toolchain.packageManager`, by the version that actually runs: the one that
 * started doctor (`pnpm paved doctor` says so in npm_config_user_agent), else `<pm> --version` as
 * the host runs it (PATH, corepack shims). Never a copy doctor fetches: that would always match.
 */
export async function checkPackageManager(context: DoctorContext): Promise<CheckOutcome> {
  if (!context.policy.policy) return policyNotValid();
  const pinSpec = context.policy.policy.toolchain.packageManager;
  const pin = pinSpec ? parsePackageManagerSpec(pinSpec) : undefined;
  const used = workspacePackageManager(context);
  if (used && 'invalid' in used) {
    return {
      verdict: 'fail',
      reason: `package.json packageManager "${used.invalid}" is not <pnpm|npm|yarn|bun>@<version>`,
      hint: pinSpec ? `set it to "${pinSpec}"` : 'set it to the exact version the team uses, e.g. "pnpm@10.34.9"',
    };
  }
  const name = used?.name ?? pin?.name;
  if (!name) {
    return {
      verdict: 'warn',
      reason: 'cannot tell the package manager: no packageManager in package.json, no lockfile, no pin in paved.json',
      hint: 'set packageManager in package.json (e.g. "pnpm@10.34.9")',
    };
  }
  const source = used?.source ?? 'paved.json toolchain.packageManager';
  const details: Record<string, unknown> = { name, source, pin: pinSpec ?? null };
  if (pin && pin.name !== name) {
    return {
      verdict: 'fail',
      reason: `the workspace uses ${name} (${source}) but paved.json pins ${pinSpec}`,
      hint: 'make toolchain.packageManager in paved.json name the package manager the workspace uses',
      details,
    };
  }
  if (pin && used?.declared && used.declared !== pin.version) {
    return {
      verdict: 'fail',
      reason: `package.json packageManager ${name}@${used.declared} differs from paved.json toolchain.packageManager ${pinSpec}`,
      hint: 'make the two agree (paved check reports the same as toolchain-pins)',
      details,
    };
  }
  const running = await runningVersion(context, name);
  details.version = running.version ?? null;
  details.versionFrom = running.from;
  if (!running.version) {
    return {
      verdict: 'warn',
      reason: `${name}'s version not checked: ${running.problem}`,
      hint: `run doctor through the package manager (\`${name} paved doctor\`), or put ${name} on PATH (corepack enable)`,
      details,
    };
  }
  if (!pin) {
    return {
      verdict: 'pass',
      reason: `${name} ${running.version} (${running.from}); paved.json pins no version (toolchain.packageManager)`,
      details,
    };
  }
  if (running.version === pin.version) {
    return { verdict: 'pass', reason: `${name} ${running.version} as pinned (${running.from})`, details };
  }
  return {
    verdict: 'fail',
    reason: `${name} ${running.version} runs here (${running.from}) but paved.json pins ${pinSpec}`,
    hint: `use the pinned version: \`corepack enable\` (reads packageManager in package.json) or \`npx -y ${pinSpec} …\``,
    details,
  };
}

async function runningVersion(
  context: DoctorContext,
  name: PackageManagerName,
): Promise<{ version?: string; from: string; problem?: string }> {
  // "pnpm/10.34.9 npm/? node/v20.19.0 linux x64": set by the package manager that started us.
  const [agentName, fromAgent] = (context.env.npm_config_user_agent ?? '').split(' ')[0].split('/');
  if (agentName === name && fromAgent && semver.valid(fromAgent))
    return { version: fromAgent, from: 'the package manager running paved' };
  const from = `\`${name} --version\``;
  const result = await context.run(name, ['--version'], { cwd: context.root, env: context.env, timeoutMs: 60_000 });
  if (result.failure === 'ENOENT') return { from, problem: `${name} is not on PATH` };
  const version = result.stdout
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .reverse()
    .find((line) => semver.valid(line));
  if (result.status !== 0 || !version) {
    const said = (result.stderr.trim() || result.stdout.trim() || result.failure || '').split('\n')[0];
    return { from, problem: `${from} failed${result.status === null ? '' : ` (exit ${result.status})`}: ${said}` };
  }
  return { version, from };
}
