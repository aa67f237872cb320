import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintSocketPath } from './socket';

describe('lintSocketPath', () => {
  let temp: string;
  let savedTmpdir: string | undefined;
  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), 'paved-socket-'));
    savedTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = temp;
  });
  afterEach(() => {
    process.env.TMPDIR = savedTmpdir;
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    rmSync(temp, { recursive: true, force: true });
  });

  it('puts one socket per workspace in a folder only this user can open', () => {
    const first = lintSocketPath(join(__dirname, '..'));
    expect(lintSocketPath(join(__dirname, '..'))).toBe(first);
    expect(lintSocketPath(__dirname)).not.toBe(first);
    expect(dirname(first)).toBe(join(temp, `paved-lint-${userInfo().uid}`));
    expect(statSync(dirname(first)).mode & 0o777).toBe(0o700);
  });

  it('refuses a folder that others can open', () => {
    const folder = join(temp, `paved-lint-${userInfo().uid}`);
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    expect(() => lintSocketPath(__dirname)).toThrow(/is not private to this user/);
  });
});
