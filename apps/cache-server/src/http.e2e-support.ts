import { request, type Agent, type ClientRequest } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface SendOptions {
  token?: string;
  body?: Buffer;
  headers?: Record<string, string>;
  /** A keep-alive agent to reuse connections with; by default each request gets its own connection. */
  agent?: Agent;
}

/**
 * One raw HTTP request, so a test controls every header (fetch adds its own
 * and refuses some). `path` may carry a `/ns/<namespace>` prefix and a query.
 */
export function send(base: string, method: string, path: string, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = open(
      base,
      method,
      path,
      {
        ...(options.body ? { 'content-length': String(options.body.length) } : {}),
        ...authorization(options.token),
        ...options.headers,
      },
      options.agent,
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function getJson<T>(base: string, path: string, token?: string): Promise<T> {
  const reply = await send(base, 'GET', path, { token });
  if (reply.status !== 200) throw new Error(`GET ${path} answered ${reply.status}: ${reply.body.toString()}`);
  return JSON.parse(reply.body.toString()) as T;
}

export async function getText(base: string, path: string, token?: string): Promise<string> {
  const reply = await send(base, 'GET', path, { token });
  if (reply.status !== 200) throw new Error(`GET ${path} answered ${reply.status}: ${reply.body.toString()}`);
  return reply.body.toString();
}

/** A PUT that declares `declaredBytes` but sends only `sentBytes` of them, then waits, as a client cut off mid-upload. */
export function startPartialUpload(
  base: string,
  path: string,
  token: string,
  declaredBytes: number,
  sent: Buffer,
): { request: ClientRequest; ended: Promise<string> } {
  const req = open(base, 'PUT', path, {
    'content-type': 'application/octet-stream',
    'content-length': String(declaredBytes),
    ...authorization(token),
  });
  // However the upload ends (the server dies, the test aborts it), only how is of interest.
  const ended = new Promise<string>((resolve) => {
    req.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.once('response', (res) => {
      res.resume();
      resolve(`answered ${res.statusCode}`);
    });
    req.once('close', () => resolve('closed'));
  });
  req.write(sent);
  return { request: req, ended };
}

/** Prometheus text format: the sum of the series of `name` that carry `labels`; 0 while none exists. */
export function metricValue(metrics: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  let total = 0;
  for (const line of metrics.split('\n')) {
    // eslint-disable-next-line security/detect-unsafe-regex -- parses our own /metrics output in a test; the optional group is bounded by braces
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const seriesLabels = (match[2] ?? '').split(',');
    if (wanted.every((label) => seriesLabels.includes(label))) total += Number(match[3]);
  }
  return total;
}

function open(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  agent?: Agent,
): ClientRequest {
  const { hostname, port } = new URL(base);
  // By default a fresh connection per request: pooled sockets would outlive the servers these tests kill.
  return request({ host: hostname, port, method, path, headers, agent: agent ?? false });
}

function authorization(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
