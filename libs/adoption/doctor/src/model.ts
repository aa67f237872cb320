import { type Problem } from '@paved/errors';
import { type PolicyResult } from '@paved/policy';
import { type DoctorEnvironment } from './environment';

export const verdicts = ['pass', 'warn', 'fail'] as const;
export type Verdict = (typeof verdicts)[number];

/** What `--fix` may do about a failing check; apply() says what it did, or throws. */
export interface Fix {
  /** What it will do, e.g. "run husky (node_modules/.bin/husky)". */
  action: string;
  apply(): Promise<string>;
}

export interface CheckOutcome {
  verdict: Verdict;
  /** One line: what was found. */
  reason: string;
  /** What to do about it (for warn and fail). */
  hint?: string;
  /** Coded problems behind a failure (paved.json's, a baseline's), one line each when printed. */
  problems?: Problem[];
  /** Facts for the JSON report; never a secret. */
  details?: Record<string, unknown>;
  /** Present when `--fix` can try to repair this failure. */
  fix?: Fix;
}

/** The workspace as doctor sees it: the environment plus the files every check may need, read once. */
export interface DoctorContext extends DoctorEnvironment {
  policy: PolicyResult;
  /** The root package.json, when it exists and is JSON. */
  packageJson?: Record<string, unknown>;
}

export interface Check {
  id: string;
  title: string;
  run(context: DoctorContext): Promise<CheckOutcome> | CheckOutcome;
}

/** A check's result in the report. */
export interface CheckReport extends Omit<CheckOutcome, 'fix'> {
  id: string;
  title: string;
  /** Whether `--fix` has something to try for it. */
  fixable: boolean;
}

export interface FixReport {
  check: string;
  /** What was tried; null when doctor had nothing safe to try. */
  action: string | null;
  fixed: boolean;
  /** What happened: the fix's own account, or why it did not help. */
  result: string;
}

export interface DoctorReport {
  /** The shape of this report; bumped only when a field changes meaning or goes away. */
  version: 1;
  workspace: string;
  /** No check failed (warnings allowed). */
  ok: boolean;
  summary: Record<Verdict, number>;
  checks: CheckReport[];
  /** With --fix: one entry per check that failed before fixing. Empty otherwise. */
  fixes: FixReport[];
}

/** For checks that read a setting of paved.json: when it is invalid they say so instead of guessing. */
export function policyNotValid(): CheckOutcome {
  return {
    verdict: 'warn',
    reason: 'not checked: paved.json is not valid',
    hint: 'fix paved.json first (see the policy check)',
  };
}

export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
