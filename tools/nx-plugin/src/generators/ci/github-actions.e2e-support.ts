/**
 * Runs a GitHub Actions workflow's `run:` steps on this machine, job after job as `needs:` orders
 * them, the way a runner would for one event: `act` cannot be installed here (it downloads its
 * binary from github.com), so this is the smallest runner that executes the generated steps for
 * real. It evaluates the `${{ }}` expressions the generated workflow uses (contexts github, vars,
 * secrets, env, matrix, needs, steps; `&&`, `||`, `==`, `!=`, `!`, `format`, `fromJSON`,
 * `always`, `success`), expands `strategy.matrix`, applies `$GITHUB_ENV` and reads
 * `$GITHUB_OUTPUT` between steps, skips `uses:` steps (the checkout, toolchain and artifacts are
 * already in the folder), and skips what `if:` or a failed dependency skips.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

type Value = unknown;
type Contexts = Record<string, Value>;

interface Step {
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { matrix?: string | Record<string, Value[]> };
  steps: Step[];
}

export interface JobRun {
  job: string;
  matrix?: Record<string, Value>;
  result: 'success' | 'failure' | 'skipped';
  /** The `run:` scripts executed, expressions expanded, in order. */
  ran: string[];
  output: string;
}

const truthy = (value: Value) =>
  value !== '' && value !== 0 && value !== false && value !== null && value !== undefined;

/** Evaluates one expression (the inside of `${{ }}`) against the contexts. */
export function evaluate(source: string, contexts: Contexts): Value {
  // eslint-disable-next-line security/detect-unsafe-regex -- inside a string, [^'] and '' start with different characters: no backtracking blow-up
  const tokens = source.match(/'(?:[^']|'')*'|&&|\|\||==|!=|[()!,.[\]]|[A-Za-z_][\w-]*|\d+(?:\.\d+)?|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (expected !== undefined && token !== expected)
      throw new Error(`expected ${expected} in "${source}", got ${token}`);
    return token;
  };
  const functions: Record<string, (...args: Value[]) => Value> = {
    format: (template, ...args) =>
      String(template).replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)] ?? '')),
    fromjson: (text) => JSON.parse(String(text)),
    always: () => true,
    success: () => contexts.__success !== false,
  };
  const primary = (): Value => {
    const token = take();
    if (token === '(') {
      const value = or();
      take(')');
      return value;
    }
    if (token === '!') return !truthy(primary());
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (peek() === '(') {
      take('(');
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') take(',');
      }
      take(')');
      const fn = functions[token.toLowerCase()];
      if (!fn) throw new Error(`unknown function ${token} in "${source}"`);
      return fn(...args);
    }
    let value = contexts[token];
    while (peek() === '.' || peek() === '[') {
      if (take() === '.') value = (value as Record<string, Value> | undefined)?.[take()];
      else {
        const key = or();
        take(']');
        value = (value as Record<string, Value> | undefined)?.[String(key)];
      }
    }
    return value;
  };
  const equality = (): Value => {
    const left = primary();
    if (peek() !== '==' && peek() !== '!=') return left;
    const negate = take() === '!=';
    const right = primary();
    const same = String(left ?? '').toLowerCase() === String(right ?? '').toLowerCase();
    return negate ? !same : same;
  };
  // `a && b` is b when a is truthy, else a; `a || b` is a when a is truthy, else b.
  const chain = (operator: string, operand: () => Value, keepLeft: (left: Value) => boolean) => (): Value => {
    let value = operand();
    while (peek() === operator) {
      take();
      const right = operand();
      value = keepLeft(value) ? value : right;
    }
    return value;
  };
  const and = chain('&&', equality, (left) => !truthy(left));
  const or = chain('||', and, truthy);
  const value = or();
  if (at !== tokens.length) throw new Error(`unexpected ${tokens[at]} in "${source}"`);
  return value;
}

/** A string with its `${{ }}` parts replaced; a string that is one expression keeps the expression's value. */
export function interpolate(text: string, contexts: Contexts): Value {
  const whole = /^\$\{\{([\s\S]*?)\}\}$/.exec(text.trim());
  if (whole && !whole[1].includes('}}')) return evaluate(whole[1], contexts);
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    const value = evaluate(expression, contexts);
    return value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  });
}

/** An `if:`: without a status function (always(), failure(), cancelled()) it also needs success, as GitHub's does. */
function condition(expression: string | undefined, contexts: Contexts, succeeded: boolean): boolean {
  if (expression === undefined) return succeeded;
  const source = expression.includes('${{') ? expression : `\${{ ${expression} }}`;
  const statusFunction = /\b(?:always|failure|cancelled)\(\)/.test(expression);
  return (statusFunction || succeeded) && truthy(interpolate(source, contexts));
}

const interpolateAll = (values: Record<string, string> | undefined, contexts: Contexts) =>
  Object.fromEntries(
    Object.entries(values ?? {}).map(([key, value]) => [key, String(interpolate(String(value), contexts))]),
  );

function readKeyValues(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf-8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values[line.slice(0, at)] = line.slice(at + 1);
  }
  return values;
}

export interface WorkflowEvent {
  /** The github context: event_name, ref_name, ref, base_ref, event. */
  github: Record<string, Value>;
  vars: Record<string, string>;
  secrets: Record<string, string>;
  /** The variables a runner sets (GITHUB_ACTIONS, GITHUB_EVENT_NAME, GITHUB_REF_NAME, GITHUB_BASE_REF…) and PATH. */
  runnerEnv: NodeJS.ProcessEnv;
}

/** Runs every job of `workflowText` for `event` in `cwd`; returns each job (each matrix leg) in the order it ran. */
export function runWorkflow(workflowText: string, cwd: string, event: WorkflowEvent): JobRun[] {
  const workflow = parse(workflowText) as { env?: Record<string, string>; jobs: Record<string, Job> };
  const base: Contexts = { github: event.github, vars: event.vars, secrets: event.secrets };
  const workflowEnv = interpolateAll(workflow.env, base);
  const results = new Map<string, { result: JobRun['result']; outputs: Record<string, string> }>();
  const runs: JobRun[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'paved-actions-'));
  const pending = Object.keys(workflow.jobs);
  try {
    while (pending.length) {
      const index = pending.findIndex((name) =>
        [workflow.jobs[name].needs ?? []].flat().every((need) => results.has(need)),
      );
      if (index === -1) throw new Error(`jobs ${pending.join(', ')} need jobs that never run`);
      const [name] = pending.splice(index, 1);
      const job = workflow.jobs[name];
      const needNames = [job.needs ?? []].flat();
      const needs = Object.fromEntries(
        needNames.map((need) => [
          need,
          { result: results.get(need)?.result, outputs: results.get(need)?.outputs ?? {} },
        ]),
      );
      const needsOk = needNames.every((need) => results.get(need)?.result === 'success');
      const jobContexts: Contexts = { ...base, env: workflowEnv, needs, __success: needsOk };
      if (!condition(job.if, jobContexts, needsOk)) {
        runs.push({ job: name, result: 'skipped', ran: [], output: '' });
        results.set(name, { result: 'skipped', outputs: {} });
        continue;
      }
      const matrixSpec = job.strategy?.matrix;
      const matrix =
        typeof matrixSpec === 'string' ? (interpolate(matrixSpec, jobContexts) as Record<string, Value[]>) : matrixSpec;
      const legs = matrix
        ? Object.entries(matrix).reduce<Record<string, Value>[]>(
            (combos, [key, values]) => combos.flatMap((combo) => values.map((value) => ({ ...combo, [key]: value }))),
            [{}],
          )
        : [undefined];
      let jobResult: JobRun['result'] = 'success';
      let outputs: Record<string, string> = {};
      for (const leg of legs) {
        const legRun = runJob(job, { ...jobContexts, ...(leg ? { matrix: leg } : {}) }, cwd, scratch, event.runnerEnv);
        runs.push({ job: name, ...(leg ? { matrix: leg } : {}), ...legRun.run });
        if (legRun.run.result === 'failure') jobResult = 'failure';
        outputs = legRun.outputs;
      }
      results.set(name, { result: jobResult, outputs });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return runs;
}

function runJob(job: Job, contexts: Contexts, cwd: string, scratch: string, runnerEnv: NodeJS.ProcessEnv) {
  const githubOutput = join(scratch, 'output');
  const githubEnv = join(scratch, 'env');
  writeFileSync(githubEnv, '');
  let env: Record<string, string> = {
    ...(contexts.env as Record<string, string>),
    ...interpolateAll(job.env, contexts),
  };
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  const ran: string[] = [];
  let output = '';
  let failed = false;
  for (const step of job.steps) {
    const stepContexts = { ...contexts, env, steps, __success: !failed };
    const wanted = condition(step.if, stepContexts, !failed);
    if (!wanted || !step.run) continue;
    const script = String(interpolate(step.run, stepContexts));
    writeFileSync(githubOutput, '');
    const result = spawnSync('bash', ['-e', '-c', script], {
      cwd,
      encoding: 'utf-8',
      env: {
        ...runnerEnv,
        ...env,
        ...interpolateAll(step.env, stepContexts),
        GITHUB_OUTPUT: githubOutput,
        GITHUB_ENV: githubEnv,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    ran.push(script);
    output += `$ ${script}\n${result.stdout}${result.stderr}`;
    if (step.id) steps[step.id] = { outputs: readKeyValues(githubOutput) };
    env = { ...env, ...readKeyValues(githubEnv) };
    if (result.status !== 0) failed = true;
  }
  const outputs = interpolateAll(job.outputs, { ...contexts, env, steps });
  return { run: { result: failed ? ('failure' as const) : ('success' as const), ran, output }, outputs };
}
