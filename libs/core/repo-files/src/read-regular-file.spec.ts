import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegularFile, readRegularText, readRegularTextOr, type UnreadFile } from './read-regular-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'repo-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readRegularFile', () => {
  it('reads a regular file, and a link to one', () => {
    writeFileSync(join(dir, 'a.json'), '{"a":1}');
    symlinkSync(join(dir, 'a.json'), join(dir, 'linked.json'));
    expect(readRegularText(join(dir, 'a.json'), 100)).toEqual({ kind: 'text', text: '{"a":1}' });
    expect(readRegularText(join(dir, 'linked.json'), 100)).toEqual({ kind: 'text', text: '{"a":1}' });
  });

  it('drops a byte-order mark from text', () => {
    writeFileSync(join(dir, 'bom.txt'), '\ufeffhello');
    expect(readRegularText(join(dir, 'bom.txt'), 100)).toEqual({ kind: 'text', text: 'hello' });
  });

  it('says missing for an absent file or a path through a file', () => {
    writeFileSync(join(dir, 'file'), 'x');
    expect(readRegularFile(join(dir, 'absent'), 100)).toEqual({ kind: 'missing' });
    expect(readRegularFile(join(dir, 'file', 'below'), 100)).toEqual({ kind: 'missing' });
  });

  it('refuses a folder, a device, a FIFO and an oversized file without reading them', () => {
    mkdirSync(join(dir, 'folder'));
    symlinkSync('/dev/zero', join(dir, 'zero'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    writeFileSync(join(dir, 'big'), Buffer.alloc(101));
    const reason = (name: string) => {
      const read = readRegularFile(join(dir, name), 100);
      return read.kind === 'refused' ? `${read.cause}: ${read.reason}` : read.kind;
    };
    expect(reason('folder')).toMatch(/^folder: .*folder/);
    expect(reason('zero')).toMatch(/^not-regular: .*not a regular file/);
    expect(reason('fifo')).toMatch(/^not-regular: /);
    expect(reason('big')).toMatch(/^too-large: .*101 bytes, more than the 100/);
  });
});

describe('readRegularTextOr', () => {
  it('gives the text of a regular file, and what the caller makes of one it could not read', () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    mkdirSync(join(dir, 'folder'));
    const unread: UnreadFile[] = [];
    const orRecord = (unreadFile: UnreadFile) => {
      unread.push(unreadFile);
      return undefined;
    };
    expect(readRegularTextOr(join(dir, 'a.txt'), 100, orRecord)).toBe('hello');
    expect(readRegularTextOr(join(dir, 'absent'), 100, orRecord)).toBeUndefined();
    expect(readRegularTextOr(join(dir, 'folder'), 100, orRecord)).toBeUndefined();
    expect(unread).toEqual([
      { kind: 'missing', reason: 'does not exist' },
      { kind: 'refused', cause: 'folder', reason: 'is a folder, not a file' },
    ]);
  });

  it('lets the caller refuse with its own error', () => {
    writeFileSync(join(dir, 'big'), Buffer.alloc(101));
    expect(() =>
      readRegularTextOr(join(dir, 'big'), 100, ({ reason }) => {
        throw new Error(`big ${reason}`);
      }),
    ).toThrow('big is 101 bytes, more than the 100 allowed');
  });
});
