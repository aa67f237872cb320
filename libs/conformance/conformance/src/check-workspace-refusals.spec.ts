import { type PavedError } from '@paved/errors';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWorkspace } from './check-workspace';
import { type GraphLike } from './workspace-model';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'paved-check-workspace-'));
  roots.push(root);
  writeFileSync(
    join(root, 'paved.json'),
    JSON.stringify({ npmScope: '@acme', scopes: { shop: { owners: ['@acme/shop'] } }, types: { util: {} } }),
  );
  return root;
}

const graph: GraphLike = {
  nodes: { money: { name: 'money', data: { root: 'libs/shop/money', tags: ['scope:shop', 'type:util'] } } },
  dependencies: { money: [] },
};

function refusal(run: () => unknown): PavedError {
  try {
    run();
  } catch (error) {
    return error as PavedError;
  }
  throw new Error('expected a refusal');
}

describe('checkWorkspace refusals, each with its own code', () => {
  it('names every unknown project of --projects (PAVED-003)', () => {
    const error = refusal(() => checkWorkspace({ root: workspace(), graph, projects: ['money', 'mony', 'cart'] }));
    expect(error.code).toBe('PAVED-003');
    expect(error.message).toBe('PAVED-003 unknown projects: mony, cart (list projects with `nx show projects`)');
  });

  it('refuses a --baseline file that does not exist (PAVED-106)', () => {
    const root = workspace();
    const error = refusal(() => checkWorkspace({ root, graph, baselineFile: 'accepted.json' }));
    expect(error.code).toBe('PAVED-106');
    expect(error.message).toContain('accepted.json: baseline file not found');
  });

  it('refuses a baseline that is not a Paved baseline (PAVED-430), also to a check of one project', () => {
    const root = workspace();
    writeFileSync(join(root, 'paved-baseline.json'), '{"findings": "all of them"}');
    for (const request of [
      { root, graph },
      { root, graph, projects: ['money'], updateBaseline: true },
    ]) {
      const error = refusal(() => checkWorkspace(request));
      expect(error.code).toBe('PAVED-430');
      expect(error.message).toContain('PAVED-430 paved-baseline.json: the baseline is not a Paved baseline (expected');
      expect(error.message).toContain('regenerate it with `paved check --update-baseline`)');
    }
  });
});
