import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npmPack, readTarball } from './tarball';

describe('npmPack and readTarball', () => {
  it('packs a folder with npm and reads every file back, long paths included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-tarball-'));
    const deep = `catalog/${'a-kind-with-a-long-name/'.repeat(5)}files/src/__name__.spec.ts__tmpl__`;
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/thing', version: '1.2.3' }));
    mkdirSync(join(dir, deep, '..'), { recursive: true });
    writeFileSync(join(dir, deep), 'template');
    mkdirSync(join(dir, 'out'));

    const tarball = npmPack(dir, join(dir, 'out'));

    expect(tarball).toBe(join(dir, 'out', 'acme-thing-1.2.3.tgz'));
    const files = readTarball(tarball);
    expect(deep.length).toBeGreaterThan(100);
    expect([...files.keys()].sort()).toEqual([deep, 'package.json']);
    expect(files.get(deep)?.toString()).toBe('template');
  });

  it('refuses a folder npm cannot pack (PAVED-905)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-tarball-'));
    writeFileSync(join(dir, 'package.json'), '{ not json');
    expect(() => npmPack(dir, dir)).toThrow(/PAVED-905/);
  });
});
