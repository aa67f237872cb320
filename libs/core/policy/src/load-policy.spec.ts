import { PavedError } from '@paved/errors';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPolicy, MAX_POLICY_BYTES } from './load-policy';

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

const workspace = () => mkdtempSync(join(tmpdir(), 'paved-policy-'));

function refusal(root: string): PavedError {
  try {
    loadPolicy(root);
  } catch (error) {
    return error as PavedError;
  }
  throw new Error('loadPolicy accepted it');
}

describe('loadPolicy reads only a regular file of bounded size', () => {
  it('refuses a folder named paved.json (PAVED-108)', () => {
    const root = workspace();
    mkdirSync(join(root, 'paved.json'));
    expect(refusal(root).problems[0]).toMatchObject({
      code: 'PAVED-108',
      message: 'paved.json is a folder, not a file',
    });
  });

  it('refuses a link to /dev/zero without reading from it', () => {
    const root = workspace();
    symlinkSync('/dev/zero', join(root, 'paved.json'));
    expect(refusal(root).problems[0]).toMatchObject({
      code: 'PAVED-108',
      message: expect.stringContaining('not a regular file'),
    });
  });

  it('refuses a FIFO without waiting for a writer', () => {
    const root = workspace();
    execFileSync('mkfifo', [join(root, 'paved.json')]);
    expect(refusal(root).problems[0]).toMatchObject({
      code: 'PAVED-108',
      message: expect.stringContaining('not a regular file'),
    });
  });

  it('refuses a file larger than the limit', () => {
    const root = workspace();
    writeFileSync(join(root, 'paved.json'), ' '.repeat(MAX_POLICY_BYTES + 1));
    expect(refusal(root).problems[0]).toMatchObject({
      code: 'PAVED-108',
      message: expect.stringContaining('more than'),
    });
  });
});
