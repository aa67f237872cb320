import { importAdvisories, MANIFEST_FILE } from '@paved/advisories';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyJson, tempWorkspace, testContext } from '../testing-context';
import { checkAdvisories } from './advisories';
import { checkConformanceBaseline, checkSecretsBaseline } from './baselines';
import { checkPolicy } from './policy';

const advisoryFixtures = join(__dirname, '..', '..', '..', '..', 'security', 'advisories', 'fixtures', 'npm');

describe('checkPolicy', () => {
  it('passes a valid paved.json and says what it declares', () => {
    expect(checkPolicy(testContext(tempWorkspace()))).toEqual({
      verdict: 'pass',
      reason: 'paved.json is valid (1 scope, 1 type, 0 kinds)',
    });
  });

  it("warns with the loader's warnings", () => {
    const outcome = checkPolicy(testContext(tempWorkspace({ 'paved.json': policyJson({ scopes: { shop: {} } }) })));
    expect(outcome.verdict).toBe('warn');
    expect(outcome.problems).toEqual([expect.objectContaining({ code: 'PAVED-103', keyPath: 'scopes.shop.owners' })]);
  });

  it("fails with the loader's coded problems, all of them", () => {
    const outcome = checkPolicy(
      testContext(
        tempWorkspace({ 'paved.json': policyJson({ npmScope: 'acme', sharedScopes: ['nowhere'], colour: 1 }) }),
      ),
    );
    expect(outcome.verdict).toBe('fail');
    expect(outcome.problems?.map((p) => p.code)).toEqual(['PAVED-102', 'PAVED-102']);
    expect(outcome.problems?.map((p) => p.keyPath)).toEqual(['npmScope', '(root)']);
    expect(outcome.reason).toBe('paved.json has 2 problems, listed below');
  });

  it('fails a missing paved.json (PAVED-100) and a file that is not JSON (PAVED-101)', () => {
    const missing = checkPolicy(testContext(tempWorkspace({ 'paved.json': undefined })));
    expect(missing).toMatchObject({ verdict: 'fail', reason: 'no paved.json at the workspace root' });
    expect(missing.problems?.[0].code).toBe('PAVED-100');
    expect(checkPolicy(testContext(tempWorkspace({ 'paved.json': '{' }))).problems?.[0].code).toBe('PAVED-101');
  });
});

describe('checkConformanceBaseline', () => {
  it('warns when missing, fails when malformed, passes with the count of accepted findings', () => {
    expect(checkConformanceBaseline(testContext(tempWorkspace()))).toMatchObject({
      verdict: 'warn',
      reason: 'no conformance baseline (paved-baseline.json): every existing finding fails paved check',
    });
    expect(
      checkConformanceBaseline(testContext(tempWorkspace({ 'paved-baseline.json': '{"findings": []}' }))),
    ).toMatchObject({
      verdict: 'fail',
      reason: expect.stringContaining('paved-baseline.json is not a Paved baseline'),
    });
    const baseline = { version: 1, findings: [{ ruleId: 'r', fingerprint: 'f1', message: 'm' }] };
    expect(
      checkConformanceBaseline(testContext(tempWorkspace({ 'paved-baseline.json': JSON.stringify(baseline) }))),
    ).toMatchObject({
      verdict: 'pass',
      reason: 'paved-baseline.json: 1 accepted finding',
    });
  });
});

describe('checkSecretsBaseline', () => {
  it('reads the file paved.json names, by default .paved/secrets-baseline.json', () => {
    expect(checkSecretsBaseline(testContext(tempWorkspace())).reason).toBe(
      'no secrets baseline (.paved/secrets-baseline.json): any secret already in the tree fails the secret scan',
    );
    const baseline = JSON.stringify({ version: 1, findings: [{ fingerprint: 'a' }, { fingerprint: 'b' }] });
    const custom = tempWorkspace({
      'paved.json': policyJson({ secrets: { baseline: 'security/accepted.json' } }),
      'security/accepted.json': baseline,
    });
    expect(checkSecretsBaseline(testContext(custom))).toMatchObject({
      verdict: 'pass',
      reason: 'security/accepted.json: 2 accepted findings',
    });
  });

  it('fails a malformed one with the coded problem every baseline has (PAVED-430)', () => {
    const outcome = checkSecretsBaseline(testContext(tempWorkspace({ '.paved/secrets-baseline.json': '[]' })));
    expect(outcome).toMatchObject({ verdict: 'fail', reason: '.paved/secrets-baseline.json is not a Paved baseline' });
    expect(outcome.problems?.[0]).toMatchObject({ code: 'PAVED-430', message: 'the baseline is not a Paved baseline' });
    const conformance = checkConformanceBaseline(testContext(tempWorkspace({ 'paved-baseline.json': '[]' })));
    expect(conformance.problems).toEqual([
      { ...outcome.problems?.[0], file: 'paved-baseline.json', hint: expect.any(String) },
    ]);
  });
});

describe('checkAdvisories', () => {
  // The fixtures' newest advisory is of 2024-10-04T20:31:00Z.
  const imported = async (extra: Record<string, string> = {}) => {
    const root = tempWorkspace(extra);
    await importAdvisories({ source: advisoryFixtures, storeDir: join(root, '.paved', 'advisories') });
    return root;
  };

  it('warns when there is no snapshot', () => {
    expect(checkAdvisories(testContext(tempWorkspace()))).toMatchObject({
      verdict: 'warn',
      reason: 'no advisory snapshot in .paved/advisories: paved scan deps has nothing to match against',
      hint: expect.stringContaining('paved advisories import all.zip'),
    });
  });

  it('passes a snapshot within advisories.maxAgeDays and warns one older', async () => {
    const root = await imported();
    expect(checkAdvisories(testContext(root, { now: new Date('2024-10-06T12:00:00Z') }))).toMatchObject({
      verdict: 'pass',
      reason: 'advisory snapshot is 1 day old (newest advisory 2024-10-04; limit 7 days, advisories.maxAgeDays)',
      details: { ageDays: 1, maxAgeDays: 7, snapshotDate: '2024-10-04T20:31:00Z' },
    });
    const stale = checkAdvisories(testContext(root, { now: new Date('2024-11-04T12:00:00Z') }));
    expect(stale.verdict).toBe('warn');
    expect(stale.reason).toContain('is 30 days old');
    const tolerant = await imported({ 'paved.json': policyJson({ advisories: { maxAgeDays: 60 } }) });
    expect(checkAdvisories(testContext(tolerant, { now: new Date('2024-11-04T12:00:00Z') })).verdict).toBe('pass');
  });

  it('fails a store whose manifest is unreadable, with its coded problem', async () => {
    const root = await imported();
    writeFileSync(join(root, '.paved', 'advisories', MANIFEST_FILE), '{"format": 1}');
    const outcome = checkAdvisories(testContext(root));
    expect(outcome.verdict).toBe('fail');
    expect(outcome.problems?.[0].code).toBe('PAVED-502');
  });
});
