import { PavedError } from '@paved/errors';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicy } from './load-policy';

describe('loadPolicy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paved-policy-'));
  afterEach(() => rmSync(join(dir, 'paved.json'), { force: true }));

  it('reads paved.json from the workspace root', () => {
    writeFileSync(join(dir, 'paved.json'), JSON.stringify({ npmScope: '@a', scopes: { x: {} }, types: { t: {} } }));
    expect(loadPolicy(dir).npmScope).toBe('@a');
  });

  it('throws one PavedError listing every problem', () => {
    writeFileSync(join(dir, 'paved.json'), JSON.stringify({ npmScope: 'a', scopes: {}, types: {} }));
    const error = (() => {
      try {
        loadPolicy(dir);
      } catch (e) {
        return e;
      }
    })() as PavedError;
    expect(error).toBeInstanceOf(PavedError);
    expect(error.exitCode).toBe(2);
    expect(error.problems.map((p) => p.keyPath)).toEqual(['npmScope', 'scopes', 'types']);
    expect(error.message).toContain('PAVED-102 paved.json: npmScope:');
  });

  it('throws PAVED-100 when there is no paved.json', () => {
    expect(() => loadPolicy(dir)).toThrow(/PAVED-100 paved.json/);
  });
});
