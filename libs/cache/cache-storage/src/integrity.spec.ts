import { describe, expect, it } from 'vitest';
import { DigestCheck, fileStamp, VerifiedBodies } from './integrity';

const stats = { dev: 1, ino: 42, size: 100, ctimeMs: 1000.5, mtimeMs: 1000.25 };

describe('VerifiedBodies', () => {
  it('knows a file only under the stamp it verified with', () => {
    const verified = new VerifiedBodies(10);
    verified.add('main/nx/-/a', fileStamp(stats));
    expect(verified.has('main/nx/-/a', fileStamp(stats))).toBe(true);
    for (const change of [{ ino: 43 }, { size: 101 }, { ctimeMs: 1000.6 }, { mtimeMs: 999 }, { dev: 2 }]) {
      expect(verified.has('main/nx/-/a', fileStamp({ ...stats, ...change }))).toBe(false);
    }
    expect(verified.has('main/nx/-/b', fileStamp(stats))).toBe(false);
    verified.forget('main/nx/-/a');
    expect(verified.has('main/nx/-/a', fileStamp(stats))).toBe(false);
  });

  it('forgets the longest-remembered file first beyond its capacity, and remembers nothing at 0', () => {
    const verified = new VerifiedBodies(2);
    const stamp = fileStamp(stats);
    verified.add('a', stamp);
    verified.add('b', stamp);
    verified.add('a', stamp);
    verified.add('c', stamp);
    expect([verified.has('a', stamp), verified.has('b', stamp), verified.has('c', stamp)]).toEqual([true, false, true]);
    expect(verified.size).toBe(2);

    const none = new VerifiedBodies(0);
    none.add('a', stamp);
    expect(none.has('a', stamp)).toBe(false);
  });

  it('runs one hash pass for concurrent reads of one file version, and shares its outcome', async () => {
    const verified = new VerifiedBodies(10);
    const stamp = fileStamp(stats);
    let passes = 0;
    let fail: (error: Error) => void = () => undefined;
    const hashPass = () => {
      passes += 1;
      return new Promise<void>((_resolve, reject) => (fail = reject));
    };
    const readers = [1, 2, 3].map(() => verified.verifyOnce('a', stamp, hashPass));
    // A new version of the file, or another file, is a pass of its own.
    const replaced = verified.verifyOnce('a', fileStamp({ ...stats, ino: 43 }), async () => {
      passes += 1;
    });
    const other = verified.verifyOnce('b', stamp, async () => {
      passes += 1;
    });
    expect(passes).toBe(3);
    await Promise.all([replaced, other]);
    fail(new Error('digest mismatch'));
    const outcomes = await Promise.allSettled(readers);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // Once settled, the next read hashes again.
    await verified.verifyOnce('a', stamp, async () => {
      passes += 1;
    });
    expect(passes).toBe(4);
  });
});

describe('DigestCheck', () => {
  const sha256OfAbc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

  it('tells its listener only when the body matched', () => {
    let told = 0;
    const good = new DigestCheck('a', 3, sha256OfAbc, () => (told += 1));
    good.update(Buffer.from('abc'));
    good.verify();
    expect(told).toBe(1);

    const bad = new DigestCheck('a', 3, sha256OfAbc, () => (told += 1));
    bad.update(Buffer.from('abd'));
    expect(() => bad.verify()).toThrow(/PAVED-320|does not match/);
    expect(told).toBe(1);
  });
});
