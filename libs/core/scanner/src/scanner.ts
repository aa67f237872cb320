import { isPavedError } from '@paved/errors';
import { codeQualityReport, combineSarifLogs, type SarifLog } from '@paved/sarif';

/** The formats every scanner writes. */
export const scanFormats = ['human', 'json', 'sarif', 'codequality'] as const;
export type ScanFormat = (typeof scanFormats)[number];

/** What a scan is run over: a workspace, or one project of it. */
export interface ScanRequest {
  /** Workspace root: every path in a report is relative to it. */
  root: string;
  /**
   * Workspace-relative folder of the one project to report on (`.` for a project at the root);
   * absent: the whole workspace, as `paved scan <scanner>` runs it.
   */
  project?: string;
}

/** Every report says whether it passes: that is the exit code (0 or 1) and the Nx task's success. */
export interface ScanReport {
  ok: boolean;
  /** Said on stderr, never changing the result (a stale advisory snapshot). */
  warnings?: readonly string[];
}

/** How one scanner's report is written in each format; renderReport chooses and serialises. */
export interface ReportRenderers<R> {
  /** Lines ending in a newline. */
  human(report: R): string;
  /** The JSON document, before serialisation. */
  json(report: R): unknown;
  sarif(report: R): SarifLog;
}

/**
 * Reads that every scan of one process shares, each done once however many projects a batch
 * scans: the policy, the lockfile, an advisory snapshot, one license listing. A read that
 * failed fails every later scan the same way, without retrying.
 */
export class SharedReads {
  private readonly done = new Map<string, { value: unknown } | { error: unknown }>();

  once<T>(key: string, read: () => T): T {
    let outcome = this.done.get(key);
    if (!outcome) {
      try {
        outcome = { value: read() };
      } catch (error) {
        outcome = { error };
      }
      this.done.set(key, outcome);
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value as T;
  }
}

/**
 * A scanner: a request (a root, optionally a project, and its own options) in, a report out,
 * written by its renderers. `paved scan <name>` and the `scan` Nx target both run it through
 * runScan / scanProject, so they report the same way.
 */
export interface Scanner<O, R extends ScanReport> {
  name: string;
  scan(request: ScanRequest & O, shared: SharedReads): Promise<R>;
  /**
   * Why a project's scan target leaves this scanner out (no lockfile to read, no policy for it),
   * or undefined when it runs. `named`: the user asked for it, so what it needs must be there.
   */
  skipReason?(request: ScanRequest & O, named: boolean, shared: SharedReads): string | undefined;
  render: ReportRenderers<R>;
}

export function renderReport<R>(renderers: ReportRenderers<R>, report: R, format: ScanFormat): string {
  if (format === 'human') return renderers.human(report);
  if (format === 'codequality') return `${JSON.stringify(codeQualityReport(renderers.sarif(report)), null, 2)}\n`;
  return `${JSON.stringify(format === 'json' ? renderers.json(report) : renderers.sarif(report), null, 2)}\n`;
}

export interface ScanIo {
  out(text: string): void;
  err(text: string): void;
}

/** `paved scan <scanner>`: the whole workspace, one report; the exit code is 0 when it passes, 1 when not. */
export async function runScan<O, R extends ScanReport>(
  scanner: Scanner<O, R>,
  request: ScanRequest & O,
  format: ScanFormat,
  io: ScanIo,
): Promise<0 | 1> {
  const report = await scanner.scan(request, new SharedReads());
  for (const warning of report.warnings ?? []) io.err(warning);
  io.out(renderReport(scanner.render, report, format));
  return report.ok ? 0 : 1;
}

/** A scanner with the options it runs with, as the `scan` target lists them. */
export interface ScannerRun<O = unknown, R extends ScanReport = ScanReport> {
  scanner: Scanner<O, R>;
  options: O;
  /** Named by the user: run even where skipReason would leave it out. */
  named: boolean;
}

/** A ScannerRun whose options are checked against the scanner's. */
export const scannerRun = <O, R extends ScanReport>(scanner: Scanner<O, R>, options: O, named: boolean): ScannerRun =>
  ({ scanner, options, named }) as ScannerRun;

export interface ProjectScanOutput {
  ok: boolean;
  output: string;
  warnings: string[];
}

type ScanOutcome =
  { name: string; skipped: string } | { name: string; report: ScanReport; render: ReportRenderers<ScanReport> };

/**
 * One project's `scan` target: each scanner's report of the project, written as the CLI writes
 * it (human: one after the other; JSON: an object by scanner name; SARIF: one log, one run per
 * scanner). A scanner that cannot run (a coded error) fails the project with its message, after
 * the reports of those that ran.
 */
export async function scanProject(
  runs: readonly ScannerRun[],
  request: ScanRequest,
  format: ScanFormat,
  shared: SharedReads,
): Promise<ProjectScanOutput> {
  const outcomes: ScanOutcome[] = [];
  let failure: string | undefined;
  for (const { scanner, options, named } of runs) {
    const scanned = { ...request, ...(options as object) } as ScanRequest;
    try {
      const skipped = scanner.skipReason?.(scanned, named, shared);
      outcomes.push(
        skipped === undefined
          ? {
              name: scanner.name,
              report: await scanner.scan(scanned, shared),
              render: scanner.render as ReportRenderers<ScanReport>,
            }
          : { name: scanner.name, skipped },
      );
    } catch (error) {
      // A batch scans many projects in one process: a bug in one scan fails its task, not the batch.
      failure = isPavedError(error) ? error.message : String(error);
      break;
    }
  }
  const reports = outcomes.flatMap((outcome) => ('report' in outcome ? [outcome.report] : []));
  const ok = failure === undefined && reports.every((report) => report.ok);
  return {
    ok,
    output: renderProject(outcomes, format, ok, failure),
    warnings: reports.flatMap((report) => report.warnings ?? []),
  };
}

function renderProject(
  outcomes: readonly ScanOutcome[],
  format: ScanFormat,
  ok: boolean,
  failure: string | undefined,
): string {
  if (format === 'human') {
    const parts = outcomes.map((outcome) =>
      'report' in outcome ? outcome.render.human(outcome.report) : `${outcome.name}: skipped (${outcome.skipped})\n`,
    );
    return parts.join('') + (failure === undefined ? '' : `${failure}\n`);
  }
  if (format === 'json') {
    const scanners = Object.fromEntries(
      outcomes.map((outcome) => [
        outcome.name,
        'report' in outcome ? outcome.render.json(outcome.report) : { skipped: outcome.skipped },
      ]),
    );
    return `${JSON.stringify({ ok, ...(failure === undefined ? {} : { error: failure }), scanners }, null, 2)}\n`;
  }
  const logs = outcomes.flatMap((outcome) => ('report' in outcome ? [outcome.render.sarif(outcome.report)] : []));
  const combined = combineSarifLogs(logs);
  return `${JSON.stringify(format === 'codequality' ? codeQualityReport(combined) : combined, null, 2)}\n`;
}
