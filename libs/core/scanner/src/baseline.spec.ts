import { type PavedError } from '@paved/errors';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeByBaseline, readBaseline, updateBaseline, type BaselineLocation } from './baseline';

interface Entry {
  fingerprint: string;
  owner: string;
}

const location = (): BaselineLocation => ({
  root: mkdtempSync(join(tmpdir(), 'paved-baseline-')),
  file: 'accepted.json',
  regenerate: 'paved scan things --update-baseline',
});
const refusal = (where: BaselineLocation) => {
  try {
    readBaseline(where);
  } catch (error) {
    return error as PavedError;
  }
  throw new Error('the baseline was accepted');
};

describe('readBaseline', () => {
  it('reads a baseline, and gives undefined where there is none unless it is required (PAVED-106)', () => {
    const where = location();
    expect(readBaseline(where)).toBeUndefined();
    expect(() => readBaseline(where, { required: true })).toThrow(
      expect.objectContaining({ code: 'PAVED-106' }) as Error,
    );
    const baseline = { version: 1, findings: [{ fingerprint: 'f1', owner: 'a' }] };
    writeFileSync(join(where.root, where.file), JSON.stringify(baseline));
    expect(readBaseline<Entry>(where)).toEqual(baseline);
  });

  it.each([
    ['not JSON', '<<<<<<< HEAD\n{"version": 1', 'the baseline is not JSON'],
    ['JSON of another shape', '[]', 'the baseline is not a Paved baseline'],
    ['null', 'null', 'the baseline is not a Paved baseline'],
    ['another version', '{"version": 2, "findings": []}', 'the baseline is not a Paved baseline'],
    ['findings that are not a list', '{"version": 1, "findings": {}}', 'the baseline is not a Paved baseline'],
    ['an entry without a fingerprint', '{"version": 1, "findings": [{"fingerprint": "a"}, 7]}', 'findings[1] has no'],
    ['a numeric fingerprint', '{"version": 1, "findings": [{"fingerprint": 7}]}', 'findings[0] has no'],
  ])('refuses %s with PAVED-430, naming the file and the command that regenerates it', (_, text, message) => {
    const where = location();
    writeFileSync(join(where.root, where.file), text);
    const error = refusal(where);
    expect(error.exitCode).toBe(2);
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: 'PAVED-430',
        file: 'accepted.json',
        message: expect.stringContaining(message) as string,
        hint: 'restore it from version control, or regenerate it with `paved scan things --update-baseline`',
      }),
    ]);
  });

  it('refuses a folder, a FIFO and a link to a device without reading them (PAVED-430)', () => {
    const folder = location();
    mkdirSync(join(folder.root, folder.file));
    const fifo = location();
    execFileSync('mkfifo', [join(fifo.root, fifo.file)]);
    const device = location();
    symlinkSync('/dev/zero', join(device.root, device.file));
    for (const where of [folder, fifo, device]) {
      expect(refusal(where).problems[0]).toMatchObject({
        code: 'PAVED-430',
        message: 'the baseline is not a regular file',
      });
    }
  });
});

describe('judgeByBaseline and updateBaseline', () => {
  const finding = (fingerprint: string, owner: string): Entry => ({ fingerprint, owner });
  const entryOf = (f: Entry): Entry => ({ fingerprint: f.fingerprint, owner: f.owner });

  it('splits findings into fresh and known, and lists entries of what was scanned that are gone', () => {
    const baseline = {
      version: 1 as const,
      findings: [finding('f1', 'a'), finding('gone-a', 'a'), finding('gone-b', 'b')],
    };
    const verdict = judgeByBaseline([finding('f1', 'a'), finding('f2', 'a')], baseline, (entry) => entry.owner === 'a');
    expect(verdict.fresh.map((f) => f.fingerprint)).toEqual(['f2']);
    expect(verdict.known.map((f) => f.fingerprint)).toEqual(['f1']);
    expect(verdict.resolved.map((f) => f.fingerprint)).toEqual(['gone-a']);
  });

  it('a full update replaces even a broken file; a scoped one keeps the rest and refuses a broken file', () => {
    const where = location();
    const path = join(where.root, where.file);
    writeFileSync(path, 'not json');
    updateBaseline(where, [finding('f2', 'b'), finding('f1', 'a'), finding('f1', 'a')], entryOf);
    expect(JSON.parse(readFileSync(path, 'utf-8'))).toEqual({
      version: 1,
      findings: [finding('f1', 'a'), finding('f2', 'b')],
    });

    updateBaseline(where, [finding('f3', 'a')], entryOf, (entry) => entry.owner === 'a');
    expect(readBaseline<Entry>(where)?.findings).toEqual([finding('f2', 'b'), finding('f3', 'a')]);

    writeFileSync(path, 'not json');
    expect(() => updateBaseline(where, [], entryOf, () => true)).toThrow(
      expect.objectContaining({ code: 'PAVED-430' }) as Error,
    );
    expect(readFileSync(path, 'utf-8')).toBe('not json');
  });
});
