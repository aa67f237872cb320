/**
 * The two commits an affected run compares. Nx, given a base it cannot relate to HEAD, silently
 * compares against the base itself (a wrong, larger set) or fails on a name the clone lacks; a
 * shallow CI clone makes both likely. Here every answer is a merge base git actually computed, or
 * a coded error that names the fix.
 */
import { PavedError } from '@paved/errors';
import { MAX_MANIFEST_BYTES, readRegularTextOr } from '@paved/repo-files';
import { join } from 'node:path';
import { gitIn, runGit, type Git } from './git';
import { greenEndpointFrom, readGreen, type GreenLookup } from './green';

export interface BaseRequest {
  /** The checkout. */
  cwd: string;
  /** The CI's variables (process.env when run for real). */
  env: NodeJS.ProcessEnv;
  /** The branch a local run or a push compares with, when no CI variable names one (nx.json's defaultBase). */
  defaultBranch: string;
  /** Fetch more history until the base is there, instead of refusing a shallow clone. */
  deepen?: boolean;
  /** The git remote CI clones from. */
  remote?: string;
  /** On a push: the branch's recorded green commit, or why there is none (resolveCiBase looks it up). */
  green?: GreenLookup;
}

export interface ResolvedBase {
  base: string;
  head: string;
  /** Why this base, in a sentence: "merge base of HEAD with origin/main (GitHub pull request into main)". */
  reason: string;
  /** How the run was recognised. */
  source: 'github-pull-request' | 'gitlab-merge-request' | 'push' | 'local';
  /** What --deepen fetched, if anything. */
  deepened?: string;
}

/**
 * git's standard output for `args` in `root`, or PAVED-804 with git's last words: the commands
 * that compare commits fail when the clone lacks one of them.
 */
export function gitOutput(root: string, ...args: string[]): string {
  const result = runGit(root, args);
  if (!result.ok)
    throw new PavedError({
      code: 'PAVED-804',
      message: `\`git ${args.join(' ')}\` failed: ${result.stderr.split('\n').slice(-3).join(' ')}`,
      hint: 'the base must be a commit this clone has: pass the one `paved ci base` prints (with --deepen in a shallow clone)',
    });
  return result.stdout;
}

/**
 * A workspace's JSON file (nx.json, a package.json, .changeset/config.json) when it is a regular
 * file under the manifest limit that parses; undefined otherwise, for callers whose answer has a
 * sensible default when the file is absent or unreadable.
 */
export function readWorkspaceJson(path: string): unknown {
  const text = readRegularTextOr(path, MAX_MANIFEST_BYTES, () => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** nx.json's `defaultBase` (Nx's own default branch for affected), else main. */
export function defaultBranchOf(root: string): string {
  const nxJson = readWorkspaceJson(join(root, 'nx.json')) as
    { defaultBase?: unknown; affected?: { defaultBase?: unknown } } | undefined;
  const branch = nxJson?.defaultBase ?? nxJson?.affected?.defaultBase;
  return typeof branch === 'string' && branch ? branch : 'main';
}

const fixes =
  'fetch the history the comparison needs: actions/checkout with `fetch-depth: 0` (GitHub), `GIT_DEPTH: 0` (GitLab), or `paved ci base --deepen`, which fetches until the base is there';

/** The commit `ref` names, or undefined when the clone does not have it. */
function commitOf(git: Git, ref: string): string | undefined {
  const result = git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  return result.ok && result.out ? result.out : undefined;
}

const isShallow = (git: Git) => git('rev-parse', '--is-shallow-repository').out === 'true';

interface Target {
  source: ResolvedBase['source'];
  branch: string;
  what: string;
}

/** What kind of run this is and which branch it compares with, from the CI's own variables. */
function targetOf(request: BaseRequest): Target {
  const { env } = request;
  if (
    env.GITHUB_ACTIONS === 'true' &&
    /^pull_request(_target)?$/.test(env.GITHUB_EVENT_NAME ?? '') &&
    env.GITHUB_BASE_REF
  )
    return {
      source: 'github-pull-request',
      branch: env.GITHUB_BASE_REF,
      what: `GitHub pull request into ${env.GITHUB_BASE_REF}`,
    };
  if (env.GITLAB_CI === 'true' && env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME)
    return {
      source: 'gitlab-merge-request',
      branch: env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME,
      what: `GitLab merge request !${env.CI_MERGE_REQUEST_IID ?? '?'} into ${env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME}`,
    };
  if (env.GITHUB_ACTIONS === 'true' || env.GITLAB_CI === 'true') {
    const branch = env.GITHUB_REF_NAME ?? env.CI_COMMIT_BRANCH ?? request.defaultBranch;
    return { source: 'push', branch, what: `push to ${branch}` };
  }
  return { source: 'local', branch: request.defaultBranch, what: `local run against ${request.defaultBranch}` };
}

/**
 * Fetches more of `remote`'s `branch` and of HEAD's history, doubling the depth, until `ready()`
 * says the base is there or the clone is whole. Returns what was done.
 */
function deepenUntil(git: Git, remote: string, branch: string, ready: () => boolean): string | undefined {
  if (ready()) return undefined;
  const refspec = `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`;
  for (let depth = 50; depth <= 3200; depth *= 2) {
    if (!isShallow(git)) {
      // A full clone: fetching the branch itself is all that can help.
      git('fetch', '--quiet', remote, refspec);
      return `fetched ${remote}/${branch}`;
    }
    git('fetch', '--quiet', `--deepen=${depth}`, remote, refspec);
    git('fetch', '--quiet', `--deepen=${depth}`, remote);
    if (ready()) return `deepened by ${depth} commits`;
  }
  git('fetch', '--quiet', '--unshallow', remote);
  git('fetch', '--quiet', remote, refspec);
  return 'fetched the whole history (--unshallow)';
}

/**
 * The base and head of this run: on a pull or merge request, the merge base of HEAD with the
 * target branch; on a push, the branch's green commit when one is known and in HEAD's history,
 * else the commit before HEAD; locally, the
 * merge base with the default branch. Throws PAVED-804 when the clone lacks what the answer needs.
 */
export function resolveBase(request: BaseRequest): ResolvedBase {
  const git = gitIn(request.cwd);
  const remote = request.remote ?? 'origin';
  const head = commitOf(git, 'HEAD');
  if (!head)
    throw new PavedError({
      code: 'PAVED-804',
      message: `${request.cwd} is not a git checkout with a commit`,
      expected: 'a clone of the repository',
    });
  const target = targetOf(request);

  if (target.source === 'push') {
    const green = request.green && 'record' in request.green ? request.green.record : undefined;
    let noGreen = request.green && 'missing' in request.green ? request.green.missing : undefined;
    if (green) {
      const present = () => commitOf(git, green.sha) !== undefined;
      const deepened = request.deepen ? deepenUntil(git, remote, target.branch, present) : undefined;
      if (!present())
        throw new PavedError({
          code: 'PAVED-804',
          message: `${target.what}: the last green commit of ${target.branch}, ${green.sha.slice(0, 12)}, is not in this clone`,
          hint: fixes,
        });
      if (git('merge-base', '--is-ancestor', green.sha, 'HEAD').ok)
        return {
          base: green.sha,
          head,
          source: 'push',
          reason: `the last green commit of ${target.branch} (${target.what}; recorded by ${green.writer} at ${green.recordedAt}), so what failed since is tested again`,
          ...(deepened ? { deepened } : {}),
        };
      noGreen = `the green commit recorded for ${target.branch}, ${green.sha.slice(0, 12)}, is not in HEAD's history (was the branch rewritten?)`;
    }
    let previous = commitOf(git, 'HEAD~1');
    const deepened =
      !previous && request.deepen
        ? deepenUntil(git, remote, target.branch, () => commitOf(git, 'HEAD~1') !== undefined)
        : undefined;
    previous ??= commitOf(git, 'HEAD~1');
    if (!previous)
      throw new PavedError({
        code: 'PAVED-804',
        message: isShallow(git)
          ? `${target.what}: the clone is shallow and lacks the commit before HEAD`
          : `${target.what}: HEAD is the first commit, there is nothing to compare with`,
        hint: isShallow(git) ? fixes : 'run every task (nx run-many) for a first commit',
      });
    return {
      base: previous,
      head,
      source: 'push',
      reason: `the commit before HEAD (${target.what}; ${noGreen ?? `no green commit is recorded for ${target.branch} yet`}, so a failed earlier push is not retested)`,
      ...(deepened ? { deepened } : {}),
    };
  }

  // A local branch of that name comes first on a developer's machine; CI clones have the remote's.
  const candidates =
    target.source === 'local'
      ? [target.branch, `${remote}/${target.branch}`]
      : [`${remote}/${target.branch}`, target.branch];
  const branchRef = () => candidates.find((ref) => commitOf(git, ref) !== undefined);
  const mergeBase = () => {
    const ref = branchRef();
    const result = ref ? git('merge-base', ref, 'HEAD') : undefined;
    return ref && result?.ok && result.out ? { ref, sha: result.out } : undefined;
  };
  const deepened = request.deepen
    ? deepenUntil(git, remote, target.branch, () => mergeBase() !== undefined)
    : undefined;
  const found = mergeBase();
  if (!found) {
    const ref = branchRef();
    const shallow = isShallow(git);
    throw new PavedError({
      code: 'PAVED-804',
      message: !ref
        ? `${target.what}: the clone has neither ${candidates.join(' nor ')}`
        : shallow
          ? `${target.what}: ${ref} and HEAD have no merge base in this shallow clone (Nx would silently compare with ${ref} itself and run a wrong, larger set)`
          : `${target.what}: ${ref} and HEAD share no history`,
      hint: shallow || !ref ? fixes : `compare with a branch HEAD grew from (--base-branch)`,
    });
  }
  return {
    base: found.sha,
    head,
    source: target.source,
    reason: `merge base of HEAD with ${found.ref} (${target.what})`,
    ...(deepened ? { deepened } : {}),
  };
}

/**
 * resolveBase, after looking up a push's green commit on the cache server Nx's remote cache uses
 * (NX_SELF_HOSTED_REMOTE_CACHE_SERVER): the base is then that commit, so a push that failed is
 * tested again by the next one. A server that cannot answer is an error (PAVED-805), not a guess.
 */
export async function resolveCiBase(request: BaseRequest): Promise<ResolvedBase> {
  const target = targetOf(request);
  if (target.source !== 'push' || request.green) return resolveBase(request);
  const endpoint = greenEndpointFrom(request.env);
  const record = endpoint ? await readGreen(endpoint, target.branch) : undefined;
  const green: GreenLookup = record
    ? { record }
    : {
        missing: endpoint
          ? `no green commit is recorded for ${target.branch} yet`
          : 'no cache server keeps its green commit (NX_SELF_HOSTED_REMOTE_CACHE_SERVER is not set)',
      };
  return resolveBase({ ...request, green });
}

/** `KEY=value` lines for the next CI steps: Nx's NX_BASE and NX_HEAD, and Paved's own names. */
export function baseVariables(resolved: ResolvedBase): string {
  return `NX_BASE=${resolved.base}\nNX_HEAD=${resolved.head}\nPAVED_BASE=${resolved.base}\nPAVED_HEAD=${resolved.head}\n`;
}

/** For people: the two commits and why. */
export function renderBase(resolved: ResolvedBase): string {
  return `base ${resolved.base}\nhead ${resolved.head}\n${resolved.reason}${resolved.deepened ? `; ${resolved.deepened}` : ''}\n`;
}
