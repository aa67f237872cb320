/**
 * The last commit that passed CI on a protected branch, kept by the paved-cache server
 * (`/v1/paved/green`). A push compares with it, so a push that failed is tested again by the next
 * one; only a token that may write the branch's namespace can move it, so a pull request can never
 * choose main's base. The server and token are the ones Nx's remote cache already uses.
 */
import { PavedError } from '@paved/errors';
import { gitIn } from './git';

export interface GreenRecord {
  branch: string;
  sha: string;
  /** ISO-8601. */
  recordedAt: string;
  /** The name of the token that recorded it. */
  writer: string;
}

export interface GreenEndpoint {
  /** The cache server's base URL, with the /ns/<namespace> prefix the branch's builds write, if any. */
  url: string;
  token: string;
}

/** What `paved ci base` learned about a push's green commit: the record, or why there is none. */
export type GreenLookup = { record: GreenRecord } | { missing: string };

const SERVER_VARIABLE = 'NX_SELF_HOSTED_REMOTE_CACHE_SERVER';
const TOKEN_VARIABLE = 'NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN';
const REQUEST_TIMEOUT_MS = 15_000;

/** The server and token from the variables Nx's self-hosted remote cache reads; undefined when no server is set. */
export function greenEndpointFrom(env: NodeJS.ProcessEnv): GreenEndpoint | undefined {
  const url = env[SERVER_VARIABLE]?.trim();
  if (!url) return undefined;
  const token = env[TOKEN_VARIABLE]?.trim();
  if (!token)
    throw new PavedError({
      code: 'PAVED-805',
      message: `${SERVER_VARIABLE} is set but ${TOKEN_VARIABLE} is not: the cache server answers no request without a token`,
      expected: `${TOKEN_VARIABLE} set to the branch's cache token`,
    });
  return { url, token };
}

function greenUrl(endpoint: GreenEndpoint, branch: string): string {
  let base: URL;
  try {
    base = new URL(endpoint.url);
  } catch {
    throw new PavedError({
      code: 'PAVED-805',
      message: `${SERVER_VARIABLE} is not a URL: "${endpoint.url}"`,
      expected: 'http(s)://<host>[:port][/ns/<namespace>]',
    });
  }
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/v1/paved/green?branch=${encodeURIComponent(branch)}`;
}

async function call(endpoint: GreenEndpoint, branch: string, init: RequestInit, what: string): Promise<Response> {
  const url = greenUrl(endpoint, branch);
  try {
    return await fetch(url, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${endpoint.token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new PavedError({
      code: 'PAVED-805',
      message: `cannot ${what}: ${url.split('?')[0]} did not answer (${error instanceof Error ? error.message : String(error)})`,
    });
  }
}

async function refusal(response: Response, what: string): Promise<PavedError> {
  const text = (await response.text()).trim().slice(0, 300);
  return new PavedError({
    code: 'PAVED-805',
    message: `the cache server refused to ${what}: ${response.status} ${text}`,
  });
}

function parsedRecord(value: unknown): GreenRecord {
  const record = value as Partial<GreenRecord> | null;
  if (
    typeof record?.sha !== 'string' ||
    typeof record.branch !== 'string' ||
    typeof record.recordedAt !== 'string' ||
    typeof record.writer !== 'string'
  )
    throw new PavedError({
      code: 'PAVED-805',
      message: 'the cache server answered with something that is not a green record',
    });
  return { branch: record.branch, sha: record.sha, recordedAt: record.recordedAt, writer: record.writer };
}

/** The recorded green commit of `branch`, or undefined when none is recorded yet. */
export async function readGreen(endpoint: GreenEndpoint, branch: string): Promise<GreenRecord | undefined> {
  const what = `read the green commit of ${branch}`;
  const response = await call(endpoint, branch, { method: 'GET' }, what);
  if (response.status === 404) return undefined;
  if (!response.ok) throw await refusal(response, what);
  return parsedRecord(await response.json());
}

/** Stores `sha` as the green commit of `branch`; the server refuses a token that may not write its namespace. */
export async function writeGreen(endpoint: GreenEndpoint, branch: string, sha: string): Promise<GreenRecord> {
  const what = `record ${sha.slice(0, 12)} as the green commit of ${branch}`;
  const response = await call(
    endpoint,
    branch,
    { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sha }) },
    what,
  );
  if (!response.ok) throw await refusal(response, what);
  return parsedRecord(await response.json());
}

export interface RecordGreenRequest {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The protected branch; default: the CI's branch variable, else the checked-out branch. */
  branch?: string;
  /** The commit that passed; default HEAD. */
  sha?: string;
  /** Move the record even when the new commit does not descend from the recorded one (after a rewrite). */
  force?: boolean;
}

export interface RecordedGreen {
  record: GreenRecord;
  /** The commit recorded before, if any. */
  previous?: string;
}

/**
 * `paved ci record-green`: after a green run on a protected branch, records its commit as the base
 * of the next push. Refuses (PAVED-806) to move the record to a commit that does not descend from
 * the recorded one, which would hide the changes in between from the next run.
 */
export async function recordGreenCommit(request: RecordGreenRequest): Promise<RecordedGreen> {
  const git = gitIn(request.cwd);
  const endpoint = greenEndpointFrom(request.env);
  if (!endpoint)
    throw new PavedError({
      code: 'PAVED-805',
      message: `no cache server to record the green commit on: ${SERVER_VARIABLE} is not set`,
    });
  const resolved = git('rev-parse', '--verify', '--quiet', `${request.sha ?? 'HEAD'}^{commit}`);
  if (!resolved.ok)
    throw new PavedError({
      code: 'PAVED-804',
      message: `${request.sha ?? 'HEAD'} is not a commit of the checkout at ${request.cwd}`,
    });
  const sha = resolved.out;
  const branch =
    request.branch ??
    request.env.GITHUB_REF_NAME ??
    request.env.CI_COMMIT_BRANCH ??
    (git('symbolic-ref', '--quiet', '--short', 'HEAD').out || undefined);
  if (!branch)
    throw new PavedError({
      code: 'PAVED-805',
      message: 'which branch is green? HEAD is detached and no CI variable names the branch',
      expected: '--branch <name>',
    });
  const previous = await readGreen(endpoint, branch);
  if (previous && previous.sha !== sha && !request.force) {
    if (!git('cat-file', '-e', `${previous.sha}^{commit}`).ok)
      throw new PavedError({
        code: 'PAVED-804',
        message: `the green commit recorded for ${branch}, ${previous.sha.slice(0, 12)}, is not in this clone, so it cannot be checked that ${sha.slice(0, 12)} descends from it`,
      });
    if (!git('merge-base', '--is-ancestor', previous.sha, sha).ok)
      throw new PavedError({
        code: 'PAVED-806',
        message: `${sha.slice(0, 12)} does not descend from ${previous.sha.slice(0, 12)}, the green commit recorded for ${branch} (by ${previous.writer} at ${previous.recordedAt})`,
      });
  }
  const record = await writeGreen(endpoint, branch, sha);
  return { record, ...(previous ? { previous: previous.sha } : {}) };
}
