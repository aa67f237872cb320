import { PavedError } from '@paved/errors';
import { sarifLog } from '@paved/sarif';
import { describe, expect, it } from 'vitest';
import { renderReport, runScan, scannerRun, scanProject, SharedReads, type Scanner, type ScanReport } from './scanner';

interface CountReport extends ScanReport {
  project?: string;
  count: number;
}

/** A scanner that counts what `shared` read once, and fails at a count of its choosing. */
function counter(name: string, options: { failAbove?: number; skip?: string; throws?: boolean } = {}) {
  let reads = 0;
  const scanner: Scanner<{ count: number }, CountReport> = {
    name,
    scan: async (request, shared) => {
      shared.once(`${name}:listing`, () => (reads += 1));
      if (options.throws)
        throw new PavedError({ code: 'PAVED-430', file: 'x.json', message: 'the baseline is not JSON' });
      return {
        ok: request.count <= (options.failAbove ?? Infinity),
        ...(request.count > 1 ? { warnings: [`${name} warns\n`] } : {}),
        count: request.count,
        ...(request.project === undefined ? {} : { project: request.project }),
      };
    },
    skipReason: (_request, named) => (named ? undefined : options.skip),
    render: {
      human: (report) => `${name}: ${report.count} in ${report.project ?? 'the workspace'}\n`,
      json: (report) => ({ ok: report.ok, count: report.count }),
      sarif: (report) => sarifLog({ name: `paved-${name}`, rules: [] }, [{ ruleId: name, count: report.count }]),
    },
  };
  return { scanner, reads: () => reads };
}

describe('runScan', () => {
  it('renders the report in the format asked, warns on stderr, and exits 1 only when it fails', async () => {
    const { scanner } = counter('deps', { failAbove: 2 });
    let out = '';
    let err = '';
    const io = { out: (text: string) => (out += text), err: (text: string) => (err += text) };
    expect(await runScan(scanner, { root: '/w', count: 2 }, 'json', io)).toBe(0);
    expect(JSON.parse(out)).toEqual({ ok: true, count: 2 });
    expect(err).toBe('deps warns\n');
    out = '';
    expect(await runScan(scanner, { root: '/w', count: 3 }, 'human', io)).toBe(1);
    expect(out).toBe('deps: 3 in the workspace\n');
  });
});

describe('scanProject', () => {
  it("writes each scanner's report as renderReport does, skipped ones saying why, in every format", async () => {
    const secrets = counter('secrets');
    const deps = counter('deps', { skip: 'no snapshot' });
    const licenses = counter('licenses', { failAbove: 0 });
    const runs = [
      scannerRun(secrets.scanner, { count: 0 }, true),
      scannerRun(deps.scanner, { count: 1 }, false),
      scannerRun(licenses.scanner, { count: 1 }, false),
    ];
    const request = { root: '/w', project: 'libs/a' };
    const human = await scanProject(runs, request, 'human', new SharedReads());
    expect(human).toEqual({
      ok: false,
      output: 'secrets: 0 in libs/a\ndeps: skipped (no snapshot)\nlicenses: 1 in libs/a\n',
      warnings: [],
    });

    const json = JSON.parse((await scanProject(runs, request, 'json', new SharedReads())).output);
    const alone = async (scanner: typeof secrets.scanner, count: number) =>
      JSON.parse(renderReport(scanner.render, await scanner.scan({ ...request, count }, new SharedReads()), 'json'));
    expect(json).toEqual({
      ok: false,
      scanners: {
        secrets: await alone(secrets.scanner, 0),
        deps: { skipped: 'no snapshot' },
        licenses: await alone(licenses.scanner, 1),
      },
    });

    const sarif = JSON.parse((await scanProject(runs, request, 'sarif', new SharedReads())).output);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs.map((run: { tool: { driver: { name: string } } }) => run.tool.driver.name)).toEqual([
      'paved-secrets',
      'paved-licenses',
    ]);
  });

  it('reads what a batch shares once, and fails a project with the message of a scanner that cannot run', async () => {
    const shared = new SharedReads();
    const listing = counter('licenses');
    const broken = counter('secrets', { throws: true });
    for (const project of ['libs/a', 'libs/b']) {
      expect(
        (await scanProject([scannerRun(listing.scanner, { count: 0 }, true)], { root: '/w', project }, 'human', shared))
          .ok,
      ).toBe(true);
    }
    expect(listing.reads()).toBe(1);
    const failed = await scanProject(
      [scannerRun(listing.scanner, { count: 0 }, true), scannerRun(broken.scanner, { count: 0 }, true)],
      { root: '/w', project: 'libs/a' },
      'json',
      shared,
    );
    expect(failed.ok).toBe(false);
    expect(JSON.parse(failed.output)).toMatchObject({
      ok: false,
      error: 'PAVED-430 x.json: the baseline is not JSON',
      scanners: { licenses: { ok: true } },
    });
  });
});

describe('SharedReads', () => {
  it('keeps a failed read failed, without trying again', () => {
    const shared = new SharedReads();
    let tries = 0;
    const read = () => {
      tries += 1;
      throw new Error('pnpm could not list');
    };
    expect(() => shared.once('listing', read)).toThrow('pnpm could not list');
    expect(() => shared.once('listing', read)).toThrow('pnpm could not list');
    expect(tries).toBe(1);
  });
});
