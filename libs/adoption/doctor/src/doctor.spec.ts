import { PavedError } from '@paved/errors';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose, doctorChecks, doctorWorkspaceRoot } from './doctor';
import { type Check, type CheckOutcome } from './model';
import { formatDoctorReport } from './report';
import { nothingInstalled, tempWorkspace, testEnvironment } from './testing-context';

const root = tempWorkspace();
const environment = testEnvironment(root);
const check = (id: string, run: Check['run']): Check => ({ id, title: id, run });
const outcome = (verdict: CheckOutcome['verdict'], extra: Partial<CheckOutcome> = {}): CheckOutcome => ({
  verdict,
  reason: `${verdict} reason`,
  ...extra,
});

describe('diagnose', () => {
  it('reports every check, counts verdicts, and is ok while nothing fails', async () => {
    const report = await diagnose({
      environment,
      checks: [check('a', () => outcome('pass')), check('b', () => outcome('warn', { hint: 'do b' }))],
    });
    expect(report).toEqual({
      version: 1,
      workspace: root,
      ok: true,
      summary: { pass: 1, warn: 1, fail: 0 },
      checks: [
        { id: 'a', title: 'a', verdict: 'pass', reason: 'pass reason', fixable: false },
        { id: 'b', title: 'b', verdict: 'warn', reason: 'warn reason', hint: 'do b', fixable: false },
      ],
      fixes: [],
    });
  });

  it('reports a check that throws as failing, and runs the others', async () => {
    const report = await diagnose({
      environment,
      checks: [
        check('broken', () => {
          throw new PavedError({ code: 'PAVED-001', message: 'boom' });
        }),
        check('fine', () => outcome('pass')),
      ],
    });
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({
      verdict: 'fail',
      reason: 'the check could not run: PAVED-001 boom',
      problems: [{ code: 'PAVED-001' }],
    });
    expect(report.checks[1].verdict).toBe('pass');
  });

  it('without --fix applies nothing, but says which failures it could fix', async () => {
    let applied = 0;
    const report = await diagnose({
      environment,
      checks: [check('x', () => outcome('fail', { fix: { action: 'repair x', apply: async () => `${++applied}` } }))],
    });
    expect(applied).toBe(0);
    expect(report.checks[0].fixable).toBe(true);
    expect(report.fixes).toEqual([]);
  });

  it('with --fix repairs, checks again, and reports fixed, still failing, refused and nothing to try', async () => {
    let repaired = false;
    const report = await diagnose({
      environment,
      fix: true,
      checks: [
        check('repairable', () =>
          repaired
            ? outcome('pass')
            : outcome('fail', {
                fix: {
                  action: 'repair it',
                  apply: async () => {
                    repaired = true;
                    return 'repaired it';
                  },
                },
              }),
        ),
        check('stubborn', () => outcome('fail', { fix: { action: 'try', apply: async () => 'tried' } })),
        check('refusing', () =>
          outcome('fail', {
            fix: {
              action: 'run tool',
              apply: async () => {
                throw new Error('tool exited 1: no');
              },
            },
          }),
        ),
        check('manual', () => outcome('fail', { hint: 'edit the file' })),
        check('warning', () => outcome('warn', { fix: { action: 'never', apply: async () => 'never' } })),
      ],
    });
    expect(report.fixes).toEqual([
      { check: 'repairable', action: 'repair it', fixed: true, result: 'repaired it' },
      { check: 'stubborn', action: 'try', fixed: false, result: 'tried, but it still fails: fail reason' },
      { check: 'refusing', action: 'run tool', fixed: false, result: 'tool exited 1: no' },
      { check: 'manual', action: null, fixed: false, result: 'nothing safe to try: edit the file' },
    ]);
    expect(report.checks.map((c) => c.verdict)).toEqual(['pass', 'fail', 'fail', 'fail', 'warn']);
    expect(report.summary).toEqual({ pass: 1, warn: 1, fail: 3 });
  });

  it('runs the ten checks in a stable order', async () => {
    expect(doctorChecks.map((c) => c.id)).toEqual([
      'node',
      'package-manager',
      'hooks',
      'nx-plugin',
      'policy',
      'conformance-baseline',
      'secrets-baseline',
      'nx-remote-cache',
      'turbo-remote-cache',
      'advisories',
    ]);
    const report = await diagnose({ environment: testEnvironment(root, { run: nothingInstalled }) });
    expect(report.checks.map((c) => c.id)).toEqual(doctorChecks.map((c) => c.id));
  });
});

describe('doctorWorkspaceRoot', () => {
  it('finds nx.json here or above, and refuses elsewhere with PAVED-004 (exit 2)', () => {
    expect(doctorWorkspaceRoot(root)).toBe(root);
    const outside = mkdtempSync(join(tmpdir(), 'paved-not-nx-'));
    let refusal: PavedError | undefined;
    try {
      doctorWorkspaceRoot(outside);
    } catch (error) {
      refusal = error as PavedError;
    }
    expect(refusal?.code).toBe('PAVED-004');
    expect(refusal?.exitCode).toBe(2);
    expect(refusal?.message).toContain(outside);
  });
});

describe('formatDoctorReport', () => {
  const report = () =>
    diagnose({
      environment,
      fix: true,
      checks: [
        check('node', () => outcome('pass', { reason: 'Node.js 20.19.0' })),
        check('policy', () =>
          outcome('fail', {
            reason: 'paved.json has 1 problem',
            hint: 'fix it',
            problems: [{ code: 'PAVED-102', file: 'paved.json', keyPath: 'npmScope', message: 'bad' }],
          }),
        ),
        check('advisories', () => outcome('warn', { reason: 'no snapshot', hint: 'import one' })),
      ],
    });

  it('prints one line per check, problems and hints under it, what --fix did, and a summary', async () => {
    expect(formatDoctorReport(await report(), 'human')).toBe(
      [
        `paved doctor: ${root}`,
        '✔ node        Node.js 20.19.0',
        '✖ policy      paved.json has 1 problem',
        '              PAVED-102 paved.json: npmScope: bad',
        '              → fix it',
        '! advisories  no snapshot',
        '              → import one',
        'could not fix policy: nothing safe to try: fix it',
        '✖ 1 passed, 1 warning, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('prints the report itself as JSON', async () => {
    const printed = JSON.parse(formatDoctorReport(await report(), 'json'));
    expect(Object.keys(printed)).toEqual(['version', 'workspace', 'ok', 'summary', 'checks', 'fixes']);
    expect(printed.checks[1]).toEqual({
      id: 'policy',
      title: 'policy',
      verdict: 'fail',
      reason: 'paved.json has 1 problem',
      hint: 'fix it',
      problems: [{ code: 'PAVED-102', file: 'paved.json', keyPath: 'npmScope', message: 'bad' }],
      fixable: false,
    });
  });
});
